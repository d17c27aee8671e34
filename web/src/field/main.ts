/**
 * The site supervisor's field app (issue 20): a page of its own (`/field/`), small enough for a
 * first visit on a slow line, that keeps working with no signal. The service worker (vite-plugin-pwa,
 * web/vite.field.config.ts) keeps this page's files; IndexedDB keeps the day and the outbox.
 */
import { mount } from 'svelte';
import '../app.css';
import { loadRuntimeConfig, parseRuntimeConfig, type RuntimeConfig } from '../lib/config';
import { getLocale } from '../paraglide/runtime.js';
import FieldApp from './FieldApp.svelte';

document.documentElement.lang = getLocale();
// The worker takes a new version at once (skipWaiting); the page picks it up on its next load, so
// a supervisor is never interrupted mid-record. Plain registration: workbox-window would add to the
// first visit's download.
if ('serviceWorker' in navigator) {
  void navigator.serviceWorker.register('/field/sw.js', { scope: '/field/' }).catch(() => undefined);
}

/**
 * The deployment's settings: fresh when there is a signal, else the copy the last visit kept. They
 * hold no secret (the same file is public), so localStorage is the right place: it outlives the tab.
 */
const CONFIG_KEY = 'abdi.field.config';
async function runtimeConfig(): Promise<RuntimeConfig | null> {
  try {
    const config = await loadRuntimeConfig();
    localStorage.setItem(CONFIG_KEY, JSON.stringify(config));
    return config;
  } catch {
    try {
      return parseRuntimeConfig(JSON.parse(localStorage.getItem(CONFIG_KEY) ?? 'null'));
    } catch {
      return null;
    }
  }
}

mount(FieldApp, { target: document.getElementById('app')!, props: { config: await runtimeConfig() } });
