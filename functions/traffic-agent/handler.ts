/** Placeholder entry so the build has the agent's folder; replaced by the agent. */
export const handler = async () => ({ statusCode: 501 });
