/** A read-only section of the `summary` template: a title, optional text and facts, no edit button or errors. */
export const factsSection = (title: string, facts: Array<{ title: string; value: string }>, text = '') => ({
  title,
  facts,
  text,
  editVerb: '',
  editTitle: '',
  editData: {},
  errors: [] as string[],
});
