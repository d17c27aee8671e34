/**
 * The page and table measures every document shares (render-pdf.ts and its layout modules): A4 margins
 * upright and landscape, the body and table font sizes, and the two table layouts (fields without
 * rules, a grid with a grey header row).
 */
import type { OfficialDocument } from '../domain/documents';

/** A4 with margins of about 2 cm (points: left, top, right, bottom); the footer sits in the bottom one. */
export const PAGE_MARGINS: [number, number, number, number] = [57, 45, 57, 56];
/** Landscape forms keep about 1.4 cm at the sides: the columns to write in need the width. */
export const LANDSCAPE_MARGINS: [number, number, number, number] = [40, 36, 40, 50];
const A4_WIDTH = 595.28;
const A4_HEIGHT = 841.89;

export const BODY_SIZE = 10.5;
export const TABLE_SIZE = 9;

export const marginsOf = (document: Pick<OfficialDocument, 'orientation'>) =>
  document.orientation === 'landscape' ? LANDSCAPE_MARGINS : PAGE_MARGINS;

/** The width between the side margins, in points. */
export const contentWidthOf = (document: Pick<OfficialDocument, 'orientation'>) => {
  const margins = marginsOf(document);
  return (document.orientation === 'landscape' ? A4_HEIGHT : A4_WIDTH) - margins[0] - margins[2];
};

/** A fields block: label, colon, value, no rules. */
export const noBorders = {
  hLineWidth: () => 0,
  vLineWidth: () => 0,
  paddingLeft: () => 0,
  paddingRight: () => 4,
  paddingTop: () => 1.5,
  paddingBottom: () => 1.5,
};

/** A table: thin grey rules, the header row shaded. */
export const gridLines = {
  hLineWidth: () => 0.5,
  vLineWidth: () => 0.5,
  hLineColor: () => '#555555',
  vLineColor: () => '#555555',
  paddingLeft: () => 4,
  paddingRight: () => 4,
  paddingTop: () => 2.5,
  paddingBottom: () => 2.5,
  fillColor: (row: number) => (row === 0 ? '#e6e6e6' : null),
};
