/*
 * Starts DynamoDB Local listening on one address only. DynamoDB Local has no option for its bind
 * address (`-help` lists -port, -dbPath, -inMemory, -sharedDb, -cors, -delayTransientStatuses,
 * -disableTelemetry, -optimizeDbBeforeStartup): its Jetty server is built with a port alone, so it
 * listens on every interface. This launcher builds the server exactly as DynamoDB Local's own main does
 * (ServerRunner.createServerFromCommandLineArgs, with the same arguments), sets the host of its Jetty
 * connector before it starts, and starts it.
 *
 * Run in Java's source-file mode (JEP 330, needs a JDK's compiler), with DynamoDB Local on the class
 * path: java -cp DynamoDBLocal.jar:DynamoDBLocal_lib/* DynamoDbLocalOnHost.java <host> <DynamoDB Local args>
 * infra/local/dynamodb-local.ts does this; without a compiler it runs the jar as it is and says so.
 *
 * It also ends with its parent: the parent holds the write end of this JVM's standard input and never
 * writes, so reading it returns end-of-file only when the parent has gone, however it went (a SIGKILL
 * of `npm start` runs no exit handler). Then the JVM exits instead of serving an orphaned port.
 */
import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.lang.reflect.Field;
import java.util.Arrays;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

public class DynamoDbLocalOnHost {
  public static void main(String[] args) throws Exception {
    String host = args[0];
    DynamoDBProxyServer proxy =
        ServerRunner.createServerFromCommandLineArgs(Arrays.copyOfRange(args, 1, args.length));
    Field field = DynamoDBProxyServer.class.getDeclaredField("server");
    field.setAccessible(true);
    Server server = (Server) field.get(proxy);
    Connector[] connectors = server.getConnectors();
    if (connectors.length == 0) throw new IllegalStateException("DynamoDB Local has no connector");
    for (Connector connector : connectors) ((ServerConnector) connector).setHost(host);
    exitWithParent();
    proxy.start();
  }

  /** Exits when standard input ends: the parent process closed it, or died. */
  private static void exitWithParent() {
    Thread watcher =
        new Thread(
            () -> {
              try {
                while (System.in.read() != -1) {
                  // Nothing is ever written; any byte is ignored.
                }
              } catch (java.io.IOException ignored) {
                // A broken pipe is the parent gone, too.
              }
              System.exit(0);
            },
            "exit-with-parent");
    watcher.setDaemon(true);
    watcher.start();
  }
}
