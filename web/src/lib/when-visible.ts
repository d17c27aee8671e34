/**
 * A Svelte action that calls `load` once, the first time its element comes near the viewport, so a
 * panel further down a page costs no request until someone scrolls to it (a slow line pays only for
 * what is read). Without IntersectionObserver the panel loads at once.
 *
 * @example <section use:whenVisible={() => plan.load()}>…</section>
 */
export function whenVisible(node: Element, load: () => void) {
  if (typeof IntersectionObserver === 'undefined') {
    load();
    return {};
  }
  const observer = new IntersectionObserver(
    (entries) => {
      if (entries.some((e) => e.isIntersecting)) {
        observer.disconnect();
        load();
      }
    },
    // A little ahead of the fold, so the panel is usually filled by the time it is on screen.
    { rootMargin: '200px 0px' },
  );
  observer.observe(node);
  return { destroy: () => observer.disconnect() };
}
