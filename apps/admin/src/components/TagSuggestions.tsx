import { useQuery } from '@apollo/client/react';
import { TAG_CATALOGUE, tagKey, tagRewrites, normalizeTag } from '@nastavnik/domain';
import { useId } from 'react';
import { graphql } from '../gql';
import { ru } from '../i18n/ru';
import { toggleTagInText } from '../lib/partners';

export const TagCatalogueQuery = graphql(`
  query TagCatalogue {
    tagCatalogue {
      code
      label
      tags {
        tag
        synonyms
      }
    }
  }
`);

interface Group {
  code: string;
  label: string;
  tags: ReadonlyArray<{ tag: string }>;
}

/** Synonyms are saved as their catalogue tag: said under the field before saving, not discovered afterwards. */
export function TagRewritesHint({ value }: { value: string }) {
  const rewrites = tagRewrites(value);
  if (rewrites.length === 0) return null;
  return (
    <p className="field-hint" role="status" data-testid="tag-rewrites">
      {ru.partnerPortal.tagSuggestions.rewrites(rewrites.map((r) => `«${r.typed}» → «${r.saved}»`).join(', '))}
    </p>
  );
}

/**
 * Suggestions for a comma-separated tags field (mentors' competences, mentees' requests): the
 * shared catalogue (GraphQL `tagCatalogue`) as chips by group — a click adds the tag, a second click
 * removes it — plus a <datalist> with `listId` for the input, and `extra` tags (already used
 * nearby) as their own group. Chips of tags already in `value` are pressed (compared canonically:
 * «english» is «английский язык»). The field itself stays free text: the catalogue suggests only.
 *
 *   <TextField {...form.field('tags')} list="mentor-tags" />
 *   <TagSuggestions listId="mentor-tags" value={form.draft.tags} onChange={(text) => form.set('tags', text)} />
 */
export function TagSuggestions({
  value,
  onChange,
  listId,
  extra = [],
  label = ru.partnerPortal.tagSuggestions.title,
}: {
  value: string;
  onChange: (text: string) => void;
  listId?: string;
  extra?: readonly string[];
  label?: string;
}) {
  const s = ru.partnerPortal.tagSuggestions;
  const headingId = useId();
  const { data, error } = useQuery(TagCatalogueQuery, { fetchPolicy: 'cache-first' });
  // The domain's copy of the catalogue while the query is on its way or failed: the chips never vanish.
  const groups: readonly Group[] = data?.tagCatalogue ?? (error ? TAG_CATALOGUE : []);
  const chosen = new Set(
    value
      .split(/[,;\n]/)
      .map((part) => tagKey(normalizeTag(part) ?? ''))
      .filter(Boolean),
  );
  const catalogued = new Set(groups.flatMap((g) => g.tags.map((t) => tagKey(t.tag))));
  const own = [...new Set(extra)].filter((tag) => !catalogued.has(tagKey(tag)));
  const all: Group[] = [...(own.length ? [{ code: 'used', label: s.used, tags: own.map((tag) => ({ tag })) }] : []), ...groups];

  return (
    <div className="tag-suggestions" role="group" aria-labelledby={headingId} data-testid="tag-suggestions">
      <TagRewritesHint value={value} />
      <p id={headingId} className="field-hint">
        {label}
      </p>
      {listId && <datalist id={listId}>{all.flatMap((g) => g.tags.map((t) => <option key={`${g.code}:${t.tag}`} value={t.tag} />))}</datalist>}
      {all.map((group) => (
        <details key={group.code} open={group.code === 'used' ? true : undefined}>
          <summary>{group.label}</summary>
          <ul className="chips" style={{ listStyle: 'none', margin: '0.25rem 0', padding: 0, display: 'flex', flexWrap: 'wrap', gap: '0.25rem' }}>
            {group.tags.map(({ tag }) => {
              const pressed = chosen.has(tagKey(tag));
              return (
                <li key={tag}>
                  <button
                    type="button"
                    className={`button button-small ${pressed ? '' : 'button-secondary'}`}
                    aria-pressed={pressed}
                    title={pressed ? s.remove(tag) : s.add(tag)}
                    onClick={() => onChange(toggleTagInText(value, tag))}
                  >
                    {pressed ? `✓ ${tag}` : tag}
                  </button>
                </li>
              );
            })}
          </ul>
        </details>
      ))}
    </div>
  );
}
