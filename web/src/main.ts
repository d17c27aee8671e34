import { mount } from 'svelte';
import './app.css';
import App from './App.svelte';
import StartupError from './shell/StartupError.svelte';
import { loadRuntimeConfig } from './lib/config';
import { router } from './lib/router.svelte';
import { getLocale } from './paraglide/runtime.js';

// Changing the language reloads the page (Paraglide's default), so setting `lang` once is enough.
document.documentElement.lang = getLocale();
router.start();

const target = document.getElementById('app')!;
try {
  const config = await loadRuntimeConfig();
  mount(App, { target, props: { config } });
} catch (error) {
  console.error(error);
  mount(StartupError, { target });
}
