/**
 * The EXIF tags the context checks use: GPS position and the original capture time (in the office's
 * zone). EXIF is a hint: a file without readable EXIF is still evidence, so nothing here throws.
 */
import exifr from 'exifr';
import { exifMoment, type ExifContext, type OfficeTimeZone } from '../domain';

const finite = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;

/** The position and capture time in the first bytes of an image, or undefined when none can be read. */
export async function readExif(head: Buffer, zone: OfficeTimeZone): Promise<ExifContext | undefined> {
  try {
    const tags = (await exifr.parse(head, {
      pick: [
        'DateTimeOriginal',
        'OffsetTimeOriginal',
        'GPSLatitude',
        'GPSLongitude',
        'GPSLatitudeRef',
        'GPSLongitudeRef',
      ],
      reviveValues: false,
    })) as Record<string, unknown> | undefined;
    if (!tags) return undefined;
    const moment =
      typeof tags.DateTimeOriginal === 'string'
        ? exifMoment(
            tags.DateTimeOriginal,
            typeof tags.OffsetTimeOriginal === 'string' ? tags.OffsetTimeOriginal : undefined,
            zone,
          )
        : undefined;
    return { latitude: finite(tags.latitude), longitude: finite(tags.longitude), moment };
  } catch {
    return undefined;
  }
}
