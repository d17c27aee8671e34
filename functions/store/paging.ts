/** Where the previous page of a list ended (the API's cursor, decoded), and how many to read. */
export interface PageRequest {
  readonly limit: number;
  readonly startKey?: Record<string, unknown>;
}

/** One page of a list, and DynamoDB's key to continue from (none on the last page). */
export interface Page<T> {
  readonly items: T[];
  readonly lastKey?: Record<string, unknown>;
}
