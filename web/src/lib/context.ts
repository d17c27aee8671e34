/**
 * A value that a component provides to every component below it (Svelte context), with a `use` that
 * fails loudly when called where nothing provides it, instead of handing back `undefined`.
 */
import { getContext, setContext } from 'svelte';

export function sharedContext<T>(name: string, provider: string) {
  const key = Symbol(name);
  return {
    provide: (value: T): void => void setContext(key, value),
    use: (): T => {
      const value = getContext<T | undefined>(key);
      if (!value) throw new Error(`use${name}() called outside ${provider}`);
      return value;
    },
  };
}
