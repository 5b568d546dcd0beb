/** en-GB strings for the dashboard's clocks, the SEN register summary and export, and calendar and clock settings. */
export const clocksUi = {
  clocksUi: {},
} as const;
