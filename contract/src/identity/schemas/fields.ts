import * as z from 'zod';
import { shortText } from '../../common/text.ts';

/* Field shapes the identity schemas share; not exported from the package. */

export const Timestamp = z.iso.datetime();
export const Name = shortText(100);

/** The earliest date of birth accepted. */
export const EARLIEST_BIRTH_DATE = '1900-01-01';

/** A date of birth: a real day from 1900-01-01 up to today (UTC), never in the future. */
export const DateOfBirthSchema = z.iso
  .date()
  .refine(
    (day) => day >= EARLIEST_BIRTH_DATE && day <= new Date().toISOString().slice(0, 10),
    `a date of birth from ${EARLIEST_BIRTH_DATE} to today`,
  )
  .meta({ description: `From ${EARLIEST_BIRTH_DATE} to today.`, example: '1990-05-15' });
