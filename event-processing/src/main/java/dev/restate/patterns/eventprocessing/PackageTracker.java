package dev.restate.patterns.eventprocessing;

import static dev.restate.patterns.common.Validation.requirePresent;
import static dev.restate.patterns.common.Validation.requireText;

import dev.restate.patterns.common.json.StrictJsonSerdeFactory;
import dev.restate.sdk.ObjectContext;
import dev.restate.sdk.SharedObjectContext;
import dev.restate.sdk.annotation.CustomSerdeFactory;
import dev.restate.sdk.annotation.Handler;
import dev.restate.sdk.annotation.Name;
import dev.restate.sdk.annotation.Raw;
import dev.restate.sdk.annotation.Shared;
import dev.restate.sdk.common.StateKey;
import dev.restate.sdk.common.TerminalException;
import dev.restate.sdk.springboot.RestateVirtualObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Event enrichment: a digital twin of a package in delivery, registered over HTTP and moved by
 * location updates from the Kafka topic package-location-updates.
 *
 * <p>A virtual object keyed by package id, the Kafka record key. Its state joins the two streams:
 * the package details from the registration and the location history from the updates, in the order
 * of the topic. The shared handler reads that state while updates are being processed. The module
 * README walks through the demo.
 */
@CustomSerdeFactory(StrictJsonSerdeFactory.class)
@RestateVirtualObject
@Name("package-tracker")
public class PackageTracker {

  private static final Logger log = LoggerFactory.getLogger(PackageTracker.class);

  private static final StateKey<PackageInfo> PACKAGE_INFO =
      StateKey.of("package-info", PackageInfo.class);

  private static final int NOT_FOUND = 404;

  /**
   * Stores the package details; called by the seller over HTTP. Registering again replaces the
   * details and the location history.
   */
  @Handler
  public void registerPackage(ObjectContext ctx, PackageInfo packageInfo) {
    requirePresent("body", packageInfo);
    requireText("finalDestination", packageInfo.finalDestination());
    for (int i = 0; i < packageInfo.locations().size(); i++) {
      checkLocation("locations[" + i + "]", packageInfo.locations().get(i));
    }

    ctx.set(PACKAGE_INFO, packageInfo);
    log.info(
        "package {}: registered for delivery to {}", ctx.key(), packageInfo.finalDestination());
  }

  /** Appends a location to the history; fed by the Kafka topic package-location-updates. */
  @Handler
  public void updateLocation(
      ObjectContext ctx, @Raw(contentType = "application/json") byte[] event) {
    LocationUpdate update =
        EventReader.read(
            ctx, "package", event, LocationUpdate.class, value -> checkLocation("", value));

    // 1. Only a registered package has a history to extend. Not found is terminal: a retry would
    // fail the same way, and would hold up the later updates of this package.
    PackageInfo packageInfo = ctx.get(PACKAGE_INFO).orElse(null);
    if (packageInfo == null) {
      throw EventReader.reject(ctx, "package", NOT_FOUND, notFoundMessage(ctx.key()));
    }

    // 2. Append the location. The state gets a new value; the stored one is never changed in place.
    // NOTE: the history grows with every update and is rewritten whole each time. A tracker of
    // long journeys would cap it or keep older locations in a separate store.
    PackageInfo updated = packageInfo.withLocation(update);
    ctx.set(PACKAGE_INFO, updated);
    log.info(
        "package {}: at {} ({}), {} locations so far",
        ctx.key(),
        update.location(),
        update.timestamp(),
        updated.locations().size());
  }

  /** Returns the package details and location history; called by the delivery dashboard. */
  @Shared
  public PackageInfo getPackageInfo(SharedObjectContext ctx) {
    return ctx.get(PACKAGE_INFO)
        .orElseThrow(() -> new TerminalException(NOT_FOUND, notFoundMessage(ctx.key())));
  }

  /** Checks a location update; {@code path} names a nested one, such as {@code locations[0]}. */
  private static void checkLocation(String path, LocationUpdate update) {
    String prefix = path.isEmpty() ? "" : path + ".";
    requirePresent(path.isEmpty() ? "body" : path, update);
    requireText(prefix + "timestamp", update.timestamp());
    requireText(prefix + "location", update.location());
  }

  private static String notFoundMessage(String packageId) {
    return "package " + packageId + " not found: register it first with registerPackage";
  }
}
