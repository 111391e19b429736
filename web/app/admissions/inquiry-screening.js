// Record a screening on an inquiry, before there is a client record: the
// chart's screening form (chart/screening-new.js), for the inquiry.
import { renderFor } from '../chart/screening-new.js';

export function render(ctx) {
  return renderFor(ctx, 'inquiry');
}
