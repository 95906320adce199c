// Loader hooks of moduleLoads.mjs: tell the main thread each module's URL as it is loaded, then load it as usual.
let port;

export function initialize(data) {
  port = data.port;
}

export async function load(url, context, next) {
  port.postMessage(url);
  return next(url, context);
}
