/**
 * A labelled choice from a list long enough to search (schools, people, pairs, tags), on React
 * Aria Components' `ComboBox` (the project's one UI-component library: unstyled, so the app's CSS;
 * accessible by construction — a combobox with a listbox, arrows, Enter, Escape; Russian-aware
 * filtering by `useFilter` that ignores case and «ё»/«е» accents; maintained by Adobe). Typing
 * filters the list; nothing matching says «Ничего не найдено».
 */
import type { ReactNode } from 'react';
import { Button, ComboBox as RacComboBox, FieldError, Group, I18nProvider, Input, Label, ListBox, ListBoxItem, Popover, Text } from 'react-aria-components';
import { ru } from '../i18n/ru';

export interface ComboOption {
  id: string;
  label: string;
}

export interface ComboBoxProps {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  required?: boolean | undefined;
  items: readonly ComboOption[];
  /** The chosen option's id; '' for none (what a form keeps, like a <select>'s value). */
  value: string;
  onChange: (id: string) => void;
  isDisabled?: boolean | undefined;
  placeholder?: string;
  fieldClassName?: string;
}

export function ComboBox({ label, hint, error, required, items, value, onChange, isDisabled, placeholder, fieldClassName }: ComboBoxProps) {
  return (
    <I18nProvider locale="ru-RU">
      <RacComboBox
        className={['field', error ? 'field-invalid' : '', fieldClassName ?? ''].filter(Boolean).join(' ')}
        defaultItems={items}
        selectedKey={value || null}
        onSelectionChange={(key) => onChange(key === null ? '' : String(key))}
        isRequired={!!required}
        isInvalid={!!error}
        isDisabled={!!isDisabled}
        validationBehavior="aria"
        menuTrigger="focus"
        allowsEmptyCollection
      >
        <ComboLabel label={label} required={required} />
        <Group className="input combo-input">
          <Input className="combo-field" placeholder={placeholder} />
          <Button className="combo-button" aria-label={ru.widgets.showOptions}>
            <span aria-hidden="true">▾</span>
          </Button>
        </Group>
        {hint && (
          <Text slot="description" className="field-hint">
            {hint}
          </Text>
        )}
        <FieldError className="field-error">{error}</FieldError>
        <Popover className="combo-popover" placement="bottom start">
          <ListBox<ComboOption> className="combo-list" renderEmptyState={() => <p className="combo-empty">{ru.widgets.nothingFound}</p>}>
            {(item) => (
              <ListBoxItem id={item.id} textValue={item.label} className="combo-option">
                {item.label}
              </ListBoxItem>
            )}
          </ListBox>
        </Popover>
      </RacComboBox>
    </I18nProvider>
  );
}

export function ComboLabel({ label, required }: { label: ReactNode; required?: boolean | undefined }) {
  return (
    <Label className="field-label">
      {label}
      {required && (
        <span className="field-required" aria-hidden="true">
          {' '}
          *
        </span>
      )}
      {required && <span className="visually-hidden"> ({ru.form.required})</span>}
    </Label>
  );
}
