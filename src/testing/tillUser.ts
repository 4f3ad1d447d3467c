// The login user of the till role the tests connect as (made by globalSetup), so that the
// whole suite runs the app with a till's rights only.
export const TEST_TILL_USER = 'pos_test_till';
export const TEST_TILL_PASSWORD = 'pos-test-till';

/** `url` with the test till user's name and password. */
export function asTestTill(url: string): string {
  const u = new URL(url);
  u.username = TEST_TILL_USER;
  u.password = TEST_TILL_PASSWORD;
  return u.toString();
}
