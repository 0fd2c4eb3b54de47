import { useQuery } from '@apollo/client/react';
import { useEffect, useMemo, useState } from 'react';
import {
  Autocomplete,
  Button,
  Dialog,
  DialogTrigger,
  Header,
  Heading,
  I18nProvider,
  Input,
  Keyboard,
  ListBox,
  ListBoxItem,
  ListBoxSection,
  Modal,
  ModalOverlay,
  SearchField,
} from 'react-aria-components';
import { useNavigate } from 'react-router';
import { graphql } from '../gql';
import type { SearchHitKind } from '../gql/graphql';
import { ru } from '../i18n/ru';
import { fixedDistrictId } from '../lib/access';
import { useMe } from '../me';

/** The keys as printed on the keyboard (not text to translate: Russian keyboards say Ctrl too). */
const SHORTCUT_LABELS = { other: 'Ctrl K', mac: '⌘K' } as const;

const GlobalSearchQuery = graphql(`
  query GlobalSearch($query: String!, $first: Int) {
    search(query: $query, first: $first) {
      kind
      id
      title
      subtitle
      path
    }
  }
`);

/** The order of the groups in the list. */
const KIND_ORDER: readonly SearchHitKind[] = ['ORGANIZATION', 'ROADMAP', 'PROGRAMME', 'PARTICIPANT', 'PARTNER', 'PARTNER_MENTOR'];
const MIN_LENGTH = 2;
const DEBOUNCE_MS = 250;

/** «⌘K» on a Mac, «Ctrl K» elsewhere. */
const isMac = () => typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

/**
 * The header's global search: a button (and Ctrl K / ⌘K anywhere) opens a dialog with a search
 * field and the results grouped by kind; arrows move through them, Enter opens one. The API decides
 * what each role finds (the same scope as its lists); the dialog only asks after a pause in typing.
 */
export function GlobalSearch() {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        setOpen(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  const shortcut = isMac() ? SHORTCUT_LABELS.mac : SHORTCUT_LABELS.other;
  return (
    <DialogTrigger isOpen={open} onOpenChange={setOpen}>
      <Button className="button button-secondary search-trigger" aria-keyshortcuts={isMac() ? 'Meta+K' : 'Control+K'}>
        <span>{ru.search.open}</span>
        <Keyboard className="search-shortcut" aria-hidden="true">
          {shortcut}
        </Keyboard>
      </Button>
      <ModalOverlay isDismissable className="search-overlay">
        <Modal className="search-modal">
          <Dialog className="search-dialog" aria-label={ru.search.title}>
            {({ close }) => <SearchPanel onClose={close} />}
          </Dialog>
        </Modal>
      </ModalOverlay>
    </DialogTrigger>
  );
}

function SearchPanel({ onClose }: { onClose: () => void }) {
  const navigate = useNavigate();
  const { me, districtContext } = useMe();
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQuery(text.trim()), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text]);
  const tooShort = query.length < MIN_LENGTH;
  const { data, previousData, loading, error } = useQuery(GlobalSearchQuery, {
    variables: { query, first: 20 },
    skip: tooShort,
    context: districtContext(fixedDistrictId(me.grants)),
    fetchPolicy: 'network-only',
  });
  const hits = useMemo(() => (tooShort ? [] : ((data ?? previousData)?.search ?? [])), [tooShort, data, previousData]);
  const groups = KIND_ORDER.map((kind) => ({ kind, hits: hits.filter((hit) => hit.kind === kind) })).filter((group) => group.hits.length > 0);
  // While typing pauses or the answer is on its way, say so rather than «nothing found».
  const pending = text.trim() !== query || loading;
  const status =
    text.trim().length < MIN_LENGTH
      ? ru.search.hint
      : pending
        ? ru.search.searching
        : error
          ? ru.search.failed
          : hits.length === 0
            ? ru.search.nothing
            : ru.search.found(hits.length);
  return (
    <I18nProvider locale="ru-RU">
      <Heading slot="title" className="visually-hidden">
        {ru.search.title}
      </Heading>
      <Autocomplete inputValue={text} onInputChange={setText}>
        <SearchField className="search-field" aria-label={ru.search.label} autoFocus onClear={() => setText('')}>
          {/* Escape closes the dialog at once (a search field alone would first clear its text). */}
          <Input
            className="input"
            placeholder={ru.search.placeholder}
            onKeyDown={(event) => {
              if (event.key === 'Escape') onClose();
            }}
          />
          <Button className="icon-button" aria-label={ru.search.clear}>
            ×
          </Button>
        </SearchField>
        <p className="search-status muted" role="status">
          {status}
        </p>
        <ListBox
          className="search-results"
          aria-label={ru.search.results}
          onAction={(key) => {
            const hit = hits.find((h) => `${h.kind}:${h.id}` === key);
            if (!hit) return;
            onClose();
            void navigate(hit.path);
          }}
        >
          {groups.map((group) => (
            <ListBoxSection key={group.kind} id={group.kind} className="search-group">
              <Header className="search-group-head">{ru.search.kinds[group.kind]}</Header>
              {group.hits.map((hit) => (
                <ListBoxItem key={`${hit.kind}:${hit.id}`} id={`${hit.kind}:${hit.id}`} textValue={hit.title} className="search-hit">
                  {/* Plain text, no label/description slots: the option's name is all it shows (WCAG 2.5.3). */}
                  <span className="search-hit-title">{hit.title}</span>
                  {hit.subtitle && <span className="search-hit-subtitle">{hit.subtitle}</span>}
                </ListBoxItem>
              ))}
            </ListBoxSection>
          ))}
        </ListBox>
      </Autocomplete>
    </I18nProvider>
  );
}
