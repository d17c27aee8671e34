/**
 * Holds back the submit of the form around a date, time or month input while its text has not been
 * taken (DateEntry.svelte, DateTimeEntry.svelte). Such an input keeps binding its last valid value, so
 * without this a form could send a date the user has already typed over, or leave out one they meant.
 */

/**
 * Listens, before the form's own submit handler, on the form that holds `element`: while `blocked()`
 * says so, the submit is cancelled and `onBlocked` shows why (and moves the focus to the input).
 * Returns the clean-up. A capture listener on the form runs before the form's ordinary `onsubmit`
 * listener, and `stopImmediatePropagation` keeps that one from running at all.
 */
export function guardSubmit(element: HTMLElement, blocked: () => boolean, onBlocked: () => void): () => void {
  const form = element.closest('form');
  if (!form) return () => {};
  const listener = (event: Event) => {
    if (!blocked()) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    onBlocked();
  };
  form.addEventListener('submit', listener, { capture: true });
  return () => form.removeEventListener('submit', listener, { capture: true });
}
