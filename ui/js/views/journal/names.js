// Names and times as the journal's views say them.

import { otherOf } from '../../store.js';

export { localTime, nameOf } from '../../format.js';

export function otherName(state) {
  return otherOf(state)?.name ?? 'Your partner';
}
