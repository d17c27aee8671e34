/** The part of Redoc's standalone API this page uses (see web/scripts/redoc-standalone.ts). */
declare module 'virtual:redoc-standalone' {
  export function init(
    specOrSpecUrl: string | object,
    options: import('./options').RedocOptions,
    element: HTMLElement | null,
    callback?: (error?: Error) => void,
  ): void;
}
