package dev.restate.patterns.testing.faults;

import dev.restate.patterns.common.clients.CarRentalClient;
import dev.restate.patterns.common.clients.FlightClient;
import dev.restate.patterns.common.clients.PaymentClient;
import dev.restate.patterns.common.clients.PaymentInfo;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Brings common's simulated airline, car rental and payment provider back to the state that an
 * effect file records from earlier runs of the application.
 *
 * <p>These clients keep their bookings and charges in the application's memory, so they are lost
 * when the application is killed, unlike those of a real airline or payment provider. A
 * confirmation after the restart would find no reservation. A fault test that kills the application
 * therefore lets the restarted clients replay the recorded effects first, through their own
 * methods, so that they behave like downstream systems that outlive their caller. The replay
 * records nothing new.
 */
final class ClientStateRestorer {

  private static final Pattern CHARGED_AMOUNT = Pattern.compile("^amount ([0-9.]+),");

  private ClientStateRestorer() {}

  /** Returns whether {@code bean} is a client whose state this class restores. */
  static boolean restores(Object bean) {
    return bean instanceof FlightClient
        || bean instanceof CarRentalClient
        || bean instanceof PaymentClient;
  }

  /** Replays the effects of the client's system, oldest first, into the client. */
  static void restore(Object bean, List<EffectFile.Effect> effects) {
    if (bean instanceof FlightClient flights) {
      restoreBookings(flights, "flight", effects);
    } else if (bean instanceof CarRentalClient cars) {
      restoreBookings(cars, "car", effects);
    } else if (bean instanceof PaymentClient payments) {
      restorePayments(payments, effects);
    }
  }

  private static void restoreBookings(
      Object client, String system, List<EffectFile.Effect> effects) {
    Method reserve = reserveMethod(client);
    for (EffectFile.Effect effect : effects) {
      if (!effect.system().equals(system)) {
        continue;
      }
      switch (effect.action()) {
        case "reserved" -> invoke(reserve, client, effect.id(), effect.details());
        case "confirmed" -> invoke(method(client, "confirm"), client, effect.id());
        case "cancelled" -> invoke(method(client, "cancel"), client, effect.id());
        default -> {
          // Other actions change no booking.
        }
      }
    }
  }

  private static void restorePayments(PaymentClient payments, List<EffectFile.Effect> effects) {
    for (EffectFile.Effect effect : effects) {
      if (!effect.system().equals("payment")) {
        continue;
      }
      switch (effect.action()) {
        case "charged" -> {
          // The accepting test card charges at the first attempt, whatever the failure rates.
          Matcher amount = CHARGED_AMOUNT.matcher(effect.details());
          if (!amount.find()) {
            throw new IllegalStateException("No amount in the charge effect " + effect);
          }
          payments.charge(
              new PaymentInfo(PaymentClient.ACCEPTING_CARD, new BigDecimal(amount.group(1))),
              effect.id());
        }
        case "refunded" -> payments.refund(effect.id());
        default -> {
          // Declines, failures and time-outs charge nothing.
        }
      }
    }
  }

  /** Returns the two-phase client's {@code reserve(bookingId, details)}, which records details. */
  private static Method reserveMethod(Object client) {
    for (Class<?> type = client.getClass(); type != null; type = type.getSuperclass()) {
      try {
        Method reserve = type.getDeclaredMethod("reserve", String.class, String.class);
        reserve.setAccessible(true);
        return reserve;
      } catch (NoSuchMethodException e) {
        // Declared further up.
      }
    }
    throw new IllegalStateException(
        client.getClass().getName() + " has no reserve(String, String) to restore bookings with");
  }

  private static Method method(Object client, String name) {
    try {
      return client.getClass().getMethod(name, String.class);
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException(client.getClass().getName() + " has no " + name, e);
    }
  }

  private static void invoke(Method method, Object target, Object... arguments) {
    try {
      method.invoke(target, arguments);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("Could not call " + method, e);
    } catch (InvocationTargetException e) {
      throw new IllegalStateException(
          "Restoring " + target.getClass().getSimpleName() + " failed in " + method.getName(),
          e.getCause());
    }
  }
}
