import { useQuery } from '@apollo/client/react';
import { TAG_CATALOGUE, tagKey, tagRewrites, normalizeTag } from '@nastavnik/domain';
import { useState } from 'react';
import { Button, ComboBox as RacComboBox, Group, I18nProvider, Input, ListBox, ListBoxItem, Popover } from 'react-aria-components';
import { graphql } from '../gql';
import { ru } from '../i18n/ru';
import { toggleTagInText } from '../lib/partners';
import { ComboLabel } from './ComboBox';

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
 * Adds tags from the shared catalogue (GraphQL `tagCatalogue`) to a comma-separated tags field
 * (mentors' competences, mentees' requests): a combobox (components/ComboBox, React Aria) that
 * filters the catalogue — and `extra` tags already used nearby — as one types; choosing a tag adds
 * it to the field, or removes it when it is there already (compared canonically: «english» is
 * «английский язык»). The field itself stays free text: the catalogue suggests only.
 *
 *   <TextField {...form.field('tags')} />
 *   <TagPicker value={form.draft.tags} onChange={(text) => form.set('tags', text)} />
 */
export function TagPicker({
  value,
  onChange,
  extra = [],
  label = ru.partnerPortal.tagSuggestions.title,
}: {
  value: string;
  onChange: (text: string) => void;
  extra?: readonly string[];
  label?: string;
}) {
  const s = ru.partnerPortal.tagSuggestions;
  const { data, error } = useQuery(TagCatalogueQuery, { fetchPolicy: 'cache-first' });
  // The domain's copy of the catalogue while the query is on its way or failed: the list never vanishes.
  const groups: readonly Group[] = data?.tagCatalogue ?? (error ? TAG_CATALOGUE : []);
  const chosen = new Set(
    value
      .split(/[,;\n]/)
      .map((part) => tagKey(normalizeTag(part) ?? ''))
      .filter(Boolean),
  );
  const catalogued = new Set(groups.flatMap((g) => g.tags.map((t) => tagKey(t.tag))));
  const own = [...new Set(extra)].filter((tag) => !catalogued.has(tagKey(tag)));
  // One entry per canonical tag (RAC needs unique ids; a tag may sit in two groups).
  const tags = [...new Map([...own, ...groups.flatMap((g) => g.tags.map((t) => t.tag))].map((tag) => [tagKey(tag), tag])).values()];
  const [inputValue, setInputValue] = useState('');
  return (
    <div className="tag-picker" data-testid="tag-suggestions">
      <TagRewritesHint value={value} />
      <I18nProvider locale="ru-RU">
        <RacComboBox
          className="field"
          defaultItems={tags.map((tag) => ({ id: tag, label: chosen.has(tagKey(tag)) ? `✓ ${tag}` : tag, tag }))}
          inputValue={inputValue}
          onInputChange={setInputValue}
          selectedKey={null}
          onSelectionChange={(key) => {
            if (key === null) return;
            onChange(toggleTagInText(value, String(key)));
            setInputValue('');
          }}
          menuTrigger="focus"
          allowsEmptyCollection
        >
          <ComboLabel label={label} />
          <Group className="input combo-input">
            <Input className="combo-field" />
            <Button className="combo-button" aria-label={ru.widgets.showOptions}>
              <span aria-hidden="true">▾</span>
            </Button>
          </Group>
          <Popover className="combo-popover" placement="bottom start">
            <ListBox<{ id: string; label: string; tag: string }>
              className="combo-list"
              renderEmptyState={() => <p className="combo-empty">{ru.widgets.nothingFound}</p>}
            >
              {(item) => (
                <ListBoxItem
                  id={item.id}
                  textValue={item.tag}
                  className="combo-option"
                  aria-label={chosen.has(tagKey(item.tag)) ? s.remove(item.tag) : s.add(item.tag)}
                >
                  {item.label}
                </ListBoxItem>
              )}
            </ListBox>
          </Popover>
        </RacComboBox>
      </I18nProvider>
    </div>
  );
}
