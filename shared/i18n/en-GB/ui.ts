/** en-GB strings for the renderer's screens. Grouped by screen. */
export const ui = {
  app: {
    name: 'SENCo Desk',
  },
} as const;
