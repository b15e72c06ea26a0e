// A client-side app: no server rendering, one fallback page.
export const ssr = false;
export const prerender = false;
