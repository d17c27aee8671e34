/**
 * The API reference at `/docs`: Redoc renders the contract the API publishes, so the page can never
 * disagree with the running API. Loaded as a module script; the page has no inline script or style.
 */
import { init } from 'virtual:redoc-standalone';
import { CONTRACT_URL, redocOptions } from './options';
import './docs.css';

const target = document.getElementById('reference');

init(CONTRACT_URL, redocOptions, target, (error) => {
  if (!error || !target) return;
  console.error(error);
  const message = document.createElement('p');
  message.className = 'status status-error';
  message.setAttribute('role', 'alert');
  message.textContent = `The API reference could not be loaded (${CONTRACT_URL}). Try again later.`;
  target.replaceChildren(message);
});
