/** en-GB strings for the EHC plan screens (plan editor, versions, print view, reviews, assessment requests). */
export const ehcpUi = {
  ehcpUi: {},
} as const;
