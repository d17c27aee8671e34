/**
 * How Redoc renders Abdi's contract. Kept apart from the start-up code so the choices are in one place.
 */

/** The Redoc options this page sets (a subset of Redoc's `RedocRawOptions`). */
export interface RedocOptions {
  readonly disableSearch?: boolean;
  readonly expandResponses?: string;
  readonly jsonSamplesExpandLevel?: number;
  readonly hideLoading?: boolean;
  readonly theme?: Record<string, unknown>;
}

/** Where the API publishes its contract; same origin as this page, so `connect-src 'self'` covers it. */
export const CONTRACT_URL = '/v1/openapi.json';

/** The dashboard's palette (web/src/app.css): Redoc's theme is plain values, not CSS variables. */
const BRAND = '#0f5c8c';
const BRAND_DARK = '#0b3954';
const TEXT = '#1b1f24';
const SYSTEM_FONTS = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', sans-serif";
const MONO_FONTS = "ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace";

export const redocOptions: RedocOptions = {
  // Search runs in a Web Worker that Redoc starts from a `blob:` URL; allowing `worker-src blob:` would
  // widen the CSP for a feature the sidebar's tag list and the browser's find already give.
  disableSearch: true,
  // Success answers open by default: an integrator reads what comes back before the error cases.
  expandResponses: '200,201,202,204',
  jsonSamplesExpandLevel: 3,
  // The page shows its own "Loading" line until Redoc replaces it.
  hideLoading: true,
  theme: {
    colors: {
      primary: { main: BRAND },
      text: { primary: TEXT },
    },
    typography: {
      fontFamily: SYSTEM_FONTS,
      fontSize: '15px',
      lineHeight: '1.5',
      headings: { fontFamily: SYSTEM_FONTS, fontWeight: '600' },
      code: { fontFamily: MONO_FONTS },
      links: { color: BRAND },
    },
    sidebar: { backgroundColor: '#f1f4f7', textColor: TEXT, activeTextColor: BRAND },
    rightPanel: { backgroundColor: BRAND_DARK },
  },
};
