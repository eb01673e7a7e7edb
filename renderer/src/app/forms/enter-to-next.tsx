/**
 * Keyboard-first data entry: Enter in a field moves to the next field, and Enter in the last
 * field submits, so a clerk can fill a whole form without the mouse.
 */
import type { FormEvent, KeyboardEvent, ReactNode } from 'react';

type Field = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

const NOT_ENTRY_TYPES = new Set(['hidden', 'button', 'submit', 'reset', 'image', 'file']);

function isEntryField(element: Element): element is Field {
  if (element instanceof HTMLInputElement) {
    if (NOT_ENTRY_TYPES.has(element.type)) return false;
  } else if (!(element instanceof HTMLSelectElement) && !(element instanceof HTMLTextAreaElement)) {
    return false;
  }
  // Disabled, read-only display fields and helper inputs that are out of the tab order are skipped.
  return !element.disabled && element.tabIndex >= 0 && element.getAttribute('aria-hidden') !== 'true';
}

/** The form's `onKeyDown`. Runs after the field's own handler, so a dropdown that used Enter wins. */
export function enterToNext(event: KeyboardEvent<HTMLFormElement>): void {
  if (event.key !== 'Enter' || event.defaultPrevented) return;
  // Enter also confirms a Chinese input method's candidate: that Enter is not ours.
  if (event.nativeEvent.isComposing || event.keyCode === 229) return;
  if (event.shiftKey || event.ctrlKey || event.altKey || event.metaKey) return;
  const target = event.target;
  if (!(target instanceof Element) || !isEntryField(target) || target instanceof HTMLTextAreaElement) return;
  const fields = Array.from(event.currentTarget.elements).filter(isEntryField);
  const index = fields.indexOf(target);
  if (index === -1) return;
  event.preventDefault();
  const next = fields[index + 1];
  if (next) {
    next.focus();
    if (next instanceof HTMLInputElement && next.type !== 'checkbox' && next.type !== 'radio') next.select();
  } else {
    event.currentTarget.requestSubmit();
  }
}

interface EnterFormProps {
  onSubmit: (event?: FormEvent<HTMLFormElement>) => void;
  children: ReactNode;
  'aria-label'?: string;
  'data-testid'?: string;
}

/** A `<form>` with Enter-to-next; browser validation is off because the contract schemas validate. */
export function EnterForm({ onSubmit, children, ...rest }: EnterFormProps) {
  return (
    <form noValidate onSubmit={onSubmit} onKeyDown={enterToNext} {...rest}>
      {children}
    </form>
  );
}
