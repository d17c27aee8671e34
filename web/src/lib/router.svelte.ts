/**
 * A tiny History-API router: the current location as reactive state, `navigate()`, and click
 * interception for same-origin links, so plain `<a href="/cases/…">` works without a page load.
 * Route matching is pure (`paths.ts`); the route table lives in `routes.ts`.
 */

import { isFieldAppPath, queryParam, sameOriginPath } from './paths';

export interface NavigateOptions {
  /** Replace the current history entry (redirects) instead of pushing one. */
  readonly replace?: boolean;
}

export class Router {
  pathname = $state('/');
  search = $state('');
  hash = $state('');

  /** Path, query and fragment: what `next` carries through sign-in. */
  readonly fullPath = $derived(this.pathname + this.search + this.hash);

  /** One query parameter of the current URL, e.g. `param('next')`. */
  param(name: string): string | null {
    return queryParam(this.search, name);
  }

  #started = false;

  /** Reads the current location and starts following back/forward and link clicks. Idempotent. */
  start(): void {
    this.#sync();
    if (this.#started) return;
    this.#started = true;
    window.addEventListener('popstate', () => this.#sync());
    document.addEventListener('click', (event) => this.#onClick(event));
  }

  /** Goes to a path on this site. Other origins are refused: leaving the app is a plain link's job. */
  navigate(to: string, options: NavigateOptions = {}): void {
    const target = sameOriginPath(to, window.location.href);
    if (target === null) throw new Error(`Router.navigate() stays on this site; got ${to}`);
    // The field app is another page: load it, with a history entry only when one was asked for.
    if (isFieldAppPath(target)) return void window.location[options.replace ? 'replace' : 'assign'](target);
    if (target === this.fullPath && !options.replace) return;
    if (options.replace) window.history.replaceState(null, '', target);
    else window.history.pushState(null, '', target);
    this.#sync();
    if (!this.hash) window.scrollTo(0, 0);
  }

  #sync(): void {
    this.pathname = window.location.pathname;
    this.search = window.location.search;
    this.hash = window.location.hash;
  }

  #onClick(event: MouseEvent): void {
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const anchor = event.target instanceof Element ? event.target.closest('a') : null;
    if (!anchor || !anchor.href || anchor.hasAttribute('download')) return;
    if (anchor.target && anchor.target !== '_self') return;
    if (anchor.dataset.reload !== undefined) return;
    const target = sameOriginPath(anchor.href, window.location.href);
    if (target === null) return;
    event.preventDefault();
    this.navigate(target);
  }
}

export const router = new Router();
