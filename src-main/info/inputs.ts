import type { InfoData } from '../../src-shared/info/config';
import type { InfoInputs } from '../../src-shared/info/infoData';
import { loadDigits } from '../data/digits';

/** The inputs a data spec needs from the host: the bundled digits (with labels) when the data are digits. */
export function infoInputsFor(data: InfoData): InfoInputs {
  return data.kind === 'digits' ? { digits: loadDigits() } : {};
}
