package ncverify.properties.engine.junit;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import ncverify.properties.engine.ChoiceSequence;
import ncverify.properties.engine.Gen;
import ncverify.properties.engine.PropertyConfig;
import ncverify.properties.engine.PropertyResult;
import ncverify.properties.engine.PropertyRunner;
import ncverify.properties.engine.Seeds;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;

/**
 * Thin Jupiter adapter over {@link PropertyRunner}, applied by {@link Property}. It resolves every
 * {@link ForAll} parameter to a placeholder so Jupiter can build the invocation, then replaces that
 * single invocation by a property run: the arguments are generated from the {@code Gen} methods named
 * by {@link ForAll}, the method body is called once per try (other parameters keep the values Jupiter
 * resolved), and a failure is rethrown as a {@link ncverify.properties.engine.PropertyFailure}.
 */
public final class PropertyExtension implements ParameterResolver, InvocationInterceptor {

  private static final Map<Class<?>, Object> PRIMITIVE_DEFAULTS = Map.of(boolean.class, false, byte.class, (byte) 0,
      short.class, (short) 0, char.class, (char) 0, int.class, 0, long.class, 0L, float.class, 0f,
      double.class, 0d);

  @Override
  public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    return parameterContext.isAnnotated(ForAll.class);
  }

  @Override
  public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    return PRIMITIVE_DEFAULTS.get(parameterContext.getParameter().getType());
  }

  @Override
  public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
      ExtensionContext extensionContext) throws Throwable {
    invocation.skip();
    Method method = invocationContext.getExecutable();
    Object instance = invocationContext.getTarget().orElse(null);
    Property annotation = method.getAnnotation(Property.class);
    Gen<Arguments> gen = argumentsGen(method, instance, invocationContext.getArguments());
    List<Arguments> pinned = pinnedExamples(method, instance, annotation.examples(), invocationContext.getArguments());
    method.setAccessible(true);
    String name = method.getDeclaringClass().getSimpleName() + "#" + method.getName();
    PropertyGuard.recordExecution();
    Class<?> type = method.getDeclaringClass();
    String simpleName = type.getName().substring(type.getPackageName().isEmpty() ? 0 : type.getPackageName().length() + 1);
    PropertyConfig config = config(annotation).withSelector("-Dtest=" + simpleName.replace('$', '*') + "#"
        + method.getName());
    PropertyResult result = PropertyRunner.check(name, config, gen, args -> {
      try {
        method.invoke(instance, args.values());
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    }, pinned);
    extensionContext.publishReportEntry("property", result.summary());
    result.orThrow();
  }

  private static PropertyConfig config(Property p) {
    PropertyConfig c = PropertyConfig.defaults().withTries(p.tries()).withThreadSafe(p.threadSafe())
        .withTargetTries(p.targetTries() < 0 ? PropertyConfig.AUTO : p.targetTries())
        .withMaxDiscardRatio(p.maxDiscardRatio()).withShrinkBudget(p.shrinkBudget());
    if (p.deadlineMillis() > 0) {
      c = c.withDeadline(java.time.Duration.ofMillis(p.deadlineMillis()));
    }
    if (!p.database()) {
      c = c.withDatabase(null);
    }
    Long seed = Seeds.parse(p.seed());
    if (seed != null) {
      c = c.withSeed(seed);
    }
    if (!p.replay().isBlank()) {
      c = c.withReplay(ChoiceSequence.parse(p.replay()));
    }
    return c;
  }

  private static Gen<Arguments> argumentsGen(Method method, Object instance, List<Object> resolved) {
    Parameter[] params = method.getParameters();
    List<Gen<?>> gens = new ArrayList<>();
    String[] names = new String[params.length];
    for (int i = 0; i < params.length; i++) {
      ForAll forAll = params[i].getAnnotation(ForAll.class);
      gens.add(forAll == null ? null : generatorFrom(method.getDeclaringClass(), instance, forAll.value()));
      names[i] = params[i].isNamePresent() || forAll == null ? params[i].getName()
          : params[i].getName() + " (" + forAll.value() + ")";
    }
    Object[] fixed = resolved.toArray();
    return s -> {
      Object[] values = fixed.clone();
      for (int i = 0; i < values.length; i++) {
        if (gens.get(i) != null) {
          values[i] = gens.get(i).generate(s);
        }
      }
      return new Arguments(names, values);
    };
  }

  private static Gen<?> generatorFrom(Class<?> type, Object instance, String methodName) {
    return (Gen<?>) call(type, instance, methodName, Gen.class, "@ForAll(\"" + methodName + "\")");
  }

  /** The pinned examples named by {@code @Property(examples = ...)}, as argument lists. */
  private static List<Arguments> pinnedExamples(Method method, Object instance, String methodName,
      List<Object> resolved) {
    if (methodName.isBlank()) {
      return List.of();
    }
    Parameter[] params = method.getParameters();
    List<Integer> generated = new ArrayList<>();
    String[] names = new String[params.length];
    for (int i = 0; i < params.length; i++) {
      names[i] = params[i].getName();
      if (params[i].isAnnotationPresent(ForAll.class)) {
        generated.add(i);
      }
    }
    List<Arguments> out = new ArrayList<>();
    for (Object example : (List<?>) call(method.getDeclaringClass(), instance, methodName, List.class,
        "@Property(examples = \"" + methodName + "\")")) {
      Object[] given = generated.size() == 1 && !(example instanceof Object[]) ? new Object[] {example}
          : (Object[]) example;
      if (given.length != generated.size()) {
        throw new ExtensionConfigurationException("pinned example " + java.util.Arrays.toString(given) + " of "
            + methodName + "() has " + given.length + " values for " + generated.size() + " @ForAll parameters");
      }
      Object[] values = resolved.toArray();
      for (int k = 0; k < given.length; k++) {
        values[generated.get(k)] = given[k];
      }
      out.add(new Arguments(names, values));
    }
    return out;
  }

  /** Calls the no-argument method {@code methodName} of the test class returning a {@code type}. */
  private static Object call(Class<?> type, Object instance, String methodName, Class<?> returnType, String usedBy) {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      for (Method m : c.getDeclaredMethods()) {
        if (m.getName().equals(methodName) && m.getParameterCount() == 0
            && returnType.isAssignableFrom(m.getReturnType())) {
          try {
            m.setAccessible(true);
            Object value = m.invoke(Modifier.isStatic(m.getModifiers()) ? null : instance);
            if (value == null) {
              throw new ExtensionConfigurationException("method " + methodName + "() returned null");
            }
            return value;
          } catch (IllegalAccessException | InvocationTargetException e) {
            throw new ExtensionConfigurationException("cannot call method " + methodName + "()", e);
          }
        }
      }
    }
    throw new ExtensionConfigurationException("no method " + returnType.getSimpleName() + " " + methodName + "() in "
        + type.getName() + " for " + usedBy);
  }

  /** Generated arguments of one try; prints as {@code name = value, ...}. */
  private record Arguments(String[] names, Object[] values) {
    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < values.length; i++) {
        sb.append(i == 0 ? "" : ", ").append(names[i]).append(" = ").append(values[i]);
      }
      return sb.toString();
    }
  }
}
