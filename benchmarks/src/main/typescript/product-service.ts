// The durable-rpc product object in TypeScript, for the benchmarks' comparison with the Java
// module. Same wire names, same state key and one log line per call, as in ProductService.java.
// The benchmark compiles it with tsc in a temporary folder and runs it with Node.js. The port
// comes from the environment variable PORT, and the service name from SERVICE_NAME (default
// product), so the benchmark can run it beside the Java module under another name.
import * as restate from "@restatedev/restate-sdk";

const RESERVED = "reserved";

const product = restate.object({
  name: process.env.SERVICE_NAME ?? "product",
  handlers: {
    reserve: async (ctx: restate.ObjectContext): Promise<boolean> => {
      if (await ctx.get<boolean>(RESERVED)) {
        ctx.console.info(`product ${ctx.key}: already reserved`);
        return false;
      }
      ctx.set(RESERVED, true);
      ctx.console.info(`product ${ctx.key}: reserved`);
      return true;
    },
  },
});

restate.endpoint().bind(product).listen(Number(process.env.PORT ?? 9080));
