import { useEffect, useId, useState } from 'react';
import { ru } from '../i18n/ru';

/** A search field that reports its value after a short pause in typing (and at once on Enter). */
export function SearchBox({ value, onSearch, label = ru.table.search }: { value: string; onSearch: (value: string) => void; label?: string }) {
  const id = useId();
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  useEffect(() => {
    if (text.trim() === value) return;
    const timer = setTimeout(() => onSearch(text.trim()), 350);
    return () => clearTimeout(timer);
  }, [text, value, onSearch]);
  return (
    <form
      role="search"
      className="search"
      onSubmit={(event) => {
        event.preventDefault();
        onSearch(text.trim());
      }}
    >
      <label htmlFor={id} className="search-label">
        {label}
      </label>
      <input id={id} type="search" className="input" value={text} placeholder={ru.table.searchPlaceholder} onChange={(event) => setText(event.target.value)} />
    </form>
  );
}
