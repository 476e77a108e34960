/** The walkthrough practice's resolver keys (`walkthrough.*`): one input and one output schema each. */
export const walkthroughContract = {} as const;
