/**
 * An edit form shown in place of a record's view: opened by an "edit" button, closed by a save (which
 * keeps the saved record) or a cancel.
 */
export class InPlaceEdit<T> {
  open = $state(false);
  readonly #keep: (saved: T) => void;

  constructor(keep: (saved: T) => void) {
    this.#keep = keep;
  }

  readonly saved = (record: T): void => {
    this.#keep(record);
    this.open = false;
  };

  readonly cancel = (): void => {
    this.open = false;
  };
}
