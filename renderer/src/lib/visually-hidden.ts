/**
 * Read by screen readers, not shown: for the `sx` prop. The sizes are strings on purpose: in `sx` a number up to 1 is
 * a fraction, so `width: 1` meant 100% (of the window, for an absolutely placed span), and the page scrolled sideways.
 */
export const visuallyHidden = {
  position: 'absolute',
  width: '1px',
  height: '1px',
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
  m: '-1px',
  p: 0,
  border: 0,
} as const;
