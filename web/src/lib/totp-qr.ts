/**
 * The enrolment QR code as an SVG data URL, drawn in the browser from the otpauth URI (the TOTP secret
 * never leaves the page for a QR service). An `<img src="data:…">` is allowed by the dashboard's CSP
 * (`img-src data:`), and the SVG's own markup stays out of the page.
 */
import { encodeQR } from '@paulmillr/qr';

export function qrCodeDataUrl(text: string): string {
  // Medium error correction and a 4-module quiet zone: phone cameras read it off a dim office screen.
  const svg = encodeQR(text, 'svg', { ecc: 'medium', border: 4 })
    // Each module is its own 1×1 rect: without crisp edges, scaling leaves hairline seams between them.
    .replace('<svg ', '<svg shape-rendering="crispEdges" ');
  return `data:image/svg+xml,${encodeURIComponent(svg)}`;
}
