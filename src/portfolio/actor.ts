/** Who makes a change through a portfolio use case: the audit entry's actor and address. */
export interface Actor {
  id: number;
  ip?: string;
}
