/** The store's table names (both backends use the same logical tables, under an optional prefix). */
export interface Tables {
  migrations: string;
  log: string;
  usedTokens: string;
  notices: string;
  userKeys: string;
  checkpoints: string;
  reviews: string;
  audit: string;
  preferences: string;
  warnings: string;
  stats: string;
}

export function tableNames(prefix: string): Tables {
  return {
    migrations: `${prefix}migrations`,
    log: `${prefix}ack_log`,
    usedTokens: `${prefix}used_tokens`,
    notices: `${prefix}notices`,
    userKeys: `${prefix}user_keys`,
    checkpoints: `${prefix}checkpoints`,
    reviews: `${prefix}reviews`,
    audit: `${prefix}review_audit`,
    preferences: `${prefix}preferences`,
    warnings: `${prefix}warnings`,
    stats: `${prefix}stats_daily`,
  };
}
