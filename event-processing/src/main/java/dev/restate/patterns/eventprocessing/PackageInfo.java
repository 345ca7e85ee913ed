package dev.restate.patterns.eventprocessing;

import java.util.ArrayList;
import java.util.List;

/**
 * A package in delivery and the places it has been, oldest first.
 *
 * @param finalDestination the delivery address
 * @param locations the location history; an absent list is read as empty
 */
public record PackageInfo(String finalDestination, List<LocationUpdate> locations) {

  public PackageInfo {
    locations = locations == null ? List.of() : List.copyOf(locations);
  }

  /** Returns a copy with {@code update} appended to the location history. */
  public PackageInfo withLocation(LocationUpdate update) {
    List<LocationUpdate> extended = new ArrayList<>(locations);
    extended.add(update);
    return new PackageInfo(finalDestination, extended);
  }
}
