package dev.restate.patterns.testing.faults;

import dev.restate.patterns.common.clients.EffectLog;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.aopalliance.intercept.MethodInterceptor;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.util.ClassUtils;

/**
 * Writes the side effects of the application's beans to an {@link EffectFile}: the effects that an
 * {@link EffectLog} bean records, and the successful calls of the configured {@link RecordedCall}s.
 * For the latter it wraps the beans of those classes in a class-based proxy.
 *
 * <p>A recorded call becomes an effect with the class's simple name as system, the method name as
 * action, the first argument as id, and the other arguments and the result as details.
 */
final class EffectRecorder implements BeanPostProcessor {

  private final EffectFile file;
  private final List<RecordedCall> recordedCalls;
  private final List<EffectFile.Effect> earlierEffects;

  /** True while a client replays earlier effects, which must not be recorded again. */
  private volatile boolean restoring;

  /**
   * @param restoreClientState whether to bring common's simulated clients back to the state that
   *     the file records from earlier runs, see {@link ClientStateRestorer}
   */
  EffectRecorder(EffectFile file, List<RecordedCall> recordedCalls, boolean restoreClientState) {
    this.file = file;
    this.recordedCalls = List.copyOf(recordedCalls);
    this.earlierEffects = restoreClientState ? file.read() : null;
  }

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    if (bean instanceof EffectLog effects) {
      effects.addListener(
          effect -> {
            if (!restoring) {
              file.append(effect.system(), effect.action(), effect.id(), effect.details());
            }
          });
      return bean;
    }
    if (earlierEffects != null && ClientStateRestorer.restores(bean)) {
      restoring = true;
      try {
        ClientStateRestorer.restore(bean, earlierEffects);
      } finally {
        restoring = false;
      }
    }
    Set<String> methods = recordedMethodsOf(ClassUtils.getUserClass(bean));
    if (methods.isEmpty()) {
      return bean;
    }
    ProxyFactory proxy = new ProxyFactory(bean);
    proxy.setProxyTargetClass(true);
    proxy.addAdvice(
        (MethodInterceptor)
            invocation -> {
              Object result = invocation.proceed();
              if (methods.contains(invocation.getMethod().getName())) {
                record(
                    invocation.getThis(),
                    invocation.getMethod().getName(),
                    result,
                    invocation.getArguments());
              }
              return result;
            });
    return proxy.getProxy(bean.getClass().getClassLoader());
  }

  private Set<String> recordedMethodsOf(Class<?> beanClass) {
    return recordedCalls.stream()
        .filter(call -> isSubclassOf(beanClass, call.className()))
        .map(RecordedCall::methodName)
        .collect(Collectors.toSet());
  }

  private void record(Object target, String method, Object result, Object[] arguments) {
    String system = ClassUtils.getUserClass(target).getSimpleName();
    String id = arguments.length == 0 ? "" : String.valueOf(arguments[0]);
    String details =
        Arrays.stream(arguments).skip(1).map(String::valueOf).collect(Collectors.joining(", "));
    if (result != null) {
      details = details.isEmpty() ? "-> " + result : details + " -> " + result;
    }
    file.append(system, method, id, details);
  }

  private static boolean isSubclassOf(Class<?> type, String className) {
    for (Class<?> current = type; current != null; current = current.getSuperclass()) {
      if (current.getName().equals(className)) {
        return true;
      }
    }
    return false;
  }
}
