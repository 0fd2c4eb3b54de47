/** Validation of the stable codes used for regions, districts, organisations and schema names. */
export const CODE_PATTERN = /^[a-z0-9][a-z0-9-]{1,62}$/;

export function isValidCode(code: string): boolean {
  return CODE_PATTERN.test(code);
}

/** The PostgreSQL schema of a district: a prefix keeps tenant schemas apart from `core` and `public`. */
export function districtSchemaName(districtCode: string): string {
  if (!isValidCode(districtCode)) throw new Error(`invalid district code: ${districtCode}`);
  return `district_${districtCode.replace(/-/g, '_')}`;
}
