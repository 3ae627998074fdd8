/**
 * The colours of the budget bars (cards/overview.json, cards/results.json): 2000×1 PNGs of one
 * colour, 14 px high and as wide as their plain column lets them be (an image stays within its
 * column). A styled column, or one with a background image, gets the container's padding, about
 * 32 px whatever its weight, so 0 %, 1 % and 7 % looked alike; a plain column is exactly as wide as
 * its weight says (the card gallery test measures it).
 */
export const BAR_COLOURS = {
  /** #6264a7: requested within the budget (overview). */
  accent: 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAB9AAAAABCAIAAAAJn6IqAAAAIUlEQVR42u3CMQ0AAAgDMLQueMMmIva26WRPVVVVVVUtP/RGJDZJjeHQAAAAAElFTkSuQmCC',
  /** #237b4b: granted within the budget (results). */
  good: 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAB9AAAAABCAIAAAAJn6IqAAAAIklEQVR42u3CQREAAAgDILssjpEsb4h94Zjcqqqqqqqq5QcY7hy6yneVfwAAAABJRU5ErkJggg==',
  /** #c4314b: beyond the budget. */
  attention:
    'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAB9AAAAABCAIAAAAJn6IqAAAAIklEQVR42u3CQREAAAgDICsth7UNZoh94ZjLqqqqqqqq5QdAQcSIpDoZjQAAAABJRU5ErkJggg==',
  /** #e1dfdd: free. */
  emphasis:
    'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAB9AAAAABCAIAAAAJn6IqAAAAIklEQVR42u3CMQ0AAAgDMPx7XAhOELG3Tec2qqqqqqpq+QE5sGu9zlejLQAAAABJRU5ErkJggg==',
} as const;
