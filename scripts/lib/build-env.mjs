// What a deployment build must be given rather than invent: a secret made up during a Vercel
// build would differ from the one the functions run with, and change on every deploy.

export function checkBuildEnv(env = process.env) {
  if (!env.VERCEL) return null;
  const secret = env.BETTER_AUTH_SECRET?.trim() ?? "";
  if (!secret)
    return (
      "BETTER_AUTH_SECRET is not set. On Vercel it must come from the project's environment variables " +
      "(Project → Settings → Environment Variables, for Production and Preview): a random string of 32+ characters, " +
      "e.g. from `openssl rand -base64 32`."
    );
  if (secret.length < 32) return "BETTER_AUTH_SECRET is shorter than 32 characters: use a longer random value.";
  return null;
}
