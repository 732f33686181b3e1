package io.quarkiverse.cloudinary.storage.deployment.fields;

import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.FieldInfo;
import org.jboss.jandex.IndexView;
import org.jboss.jandex.MethodInfo;
import org.jboss.jandex.Type;

import io.quarkiverse.cloudinary.storage.fields.AttributeAccessor;
import io.quarkiverse.cloudinary.storage.fields.CloudinaryFileField;
import io.quarkus.gizmo.BytecodeCreator;
import io.quarkus.gizmo.ClassCreator;
import io.quarkus.gizmo.ClassOutput;
import io.quarkus.gizmo.FieldDescriptor;
import io.quarkus.gizmo.MethodCreator;
import io.quarkus.gizmo.MethodDescriptor;
import io.quarkus.gizmo.ResultHandle;

/**
 * Writes the {@link AttributeAccessor} of one {@code @CloudinaryFile} attribute path: for each step a getter call
 * where the class has a getter, a field read otherwise, and a setter call (or field write) for the last step. A getter
 * or setter counts when the class or a superclass declares it, or when Panache generates it (a public field of an
 * entity, mapped superclass or embeddable), as Hibernate only tracks changes made inside the entity.
 */
final class AttributeAccessorGenerator {

    private static final DotName KOTLIN_METADATA = DotName.createSimple("kotlin.Metadata");
    private static final Set<DotName> MANAGED = Set.of(CloudinaryFileScanner.ENTITY,
            CloudinaryFileScanner.MAPPED_SUPERCLASS, CloudinaryFileScanner.EMBEDDABLE);

    private final IndexView index;
    private final boolean panacheAccessors;

    /**
     * @param panacheAccessors whether Panache generates accessors for the public fields of managed classes in this
     *        application
     */
    AttributeAccessorGenerator(IndexView index, boolean panacheAccessors) {
        this.index = index;
        this.panacheAccessors = panacheAccessors;
    }

    /** How one step of a path is read (and, for the last one, written). */
    record Step(String ownerClass, String name, String type, String getter, String getterOwner, String getterType,
            String setter, String setterOwner) {
    }

    /**
     * The steps of a field's path, each resolved in the index.
     *
     * @throws IllegalStateException naming the field when a step cannot be read or written without reflection
     */
    List<Step> steps(CloudinaryFileField field) {
        List<Step> steps = new ArrayList<>();
        String[] path = field.attributePath().split("\\.");
        ClassInfo current = index.getClassByName(DotName.createSimple(field.entityClass()));
        String samePackage = packageOf(field.entityClass());
        for (int i = 0; i < path.length; i++) {
            boolean last = i == path.length - 1;
            FieldInfo javaField = javaField(current, path[i], field);
            ClassInfo declaring = javaField.declaringClass();
            String capitalized = path[i].substring(0, 1).toUpperCase(Locale.ROOT) + path[i].substring(1);
            MethodInfo getter = declaredMethod(current, "get" + capitalized, List.of(), samePackage);
            MethodInfo setter = last ? declaredMethod(current, "set" + capitalized,
                    List.of(Type.create(DotName.createSimple(String.class), Type.Kind.CLASS)), samePackage) : null;
            boolean panache = panacheAccessors && Modifier.isPublic(javaField.flags())
                    && reachable(declaring, javaField.flags(), samePackage)
                    && MANAGED.stream().anyMatch(declaring::hasDeclaredAnnotation) && !declaring.isRecord()
                    && !declaring.hasDeclaredAnnotation(KOTLIN_METADATA);
            String fieldType = javaField.type().name().toString();
            String getterName = null;
            String getterOwner = null;
            String getterType = null;
            if (getter != null) {
                getterName = getter.name();
                getterOwner = getter.declaringClass().name().toString();
                getterType = getter.returnType().name().toString();
            } else if (panache) {
                getterName = "get" + capitalized;
                getterOwner = declaring.name().toString();
                getterType = fieldType;
            }
            String setterName = null;
            String setterOwner = null;
            if (setter != null) {
                setterName = setter.name();
                setterOwner = setter.declaringClass().name().toString();
            } else if (last && panache) {
                setterName = "set" + capitalized;
                setterOwner = declaring.name().toString();
            }
            boolean fieldReachable = reachable(declaring, javaField.flags(), samePackage);
            if (!fieldReachable && (getterName == null || last && setterName == null)) {
                throw new IllegalStateException(where(field) + ": on the path " + field.attributePath() + " of "
                        + field.entityClass() + ", " + declaring.name() + "." + javaField.name() + " is private (or"
                        + " out of the entity's package) and has no public get" + capitalized + "()"
                        + (last ? " and set" + capitalized + "(String)" : "") + ": make the field public (Panache then"
                        + " generates them) or write them, so that the field is read and written without reflection");
            }
            steps.add(new Step(declaring.name().toString(), javaField.name(), fieldType, getterName, getterOwner,
                    getterType, setterName, setterOwner));
            if (!last) {
                current = index.getClassByName(elementType(javaField.type()));
                if (current == null) {
                    throw new IllegalStateException(where(field) + ": " + elementType(javaField.type())
                            + " on the path " + field.attributePath() + " is not in the index");
                }
            }
        }
        return steps;
    }

    /** Writes the accessor class of a field. */
    void generate(ClassOutput output, String className, CloudinaryFileField field) {
        List<Step> steps = steps(field);
        try (ClassCreator creator = ClassCreator.builder().classOutput(output).className(className)
                .interfaces(AttributeAccessor.class).build()) {
            MethodCreator get = creator.getMethodCreator("get", Object.class, Object.class, int.class);
            for (int i = 0; i < steps.size(); i++) {
                Step step = steps.get(i);
                BytecodeCreator branch = get.ifIntegerEqual(get.getMethodParam(1), get.load(i)).trueBranch();
                ResultHandle owner = get.getMethodParam(0);
                if (step.getter() != null) {
                    branch.returnValue(branch.invokeVirtualMethod(
                            MethodDescriptor.ofMethod(step.getterOwner(), step.getter(), step.getterType()),
                            branch.checkCast(owner, step.getterOwner())));
                } else {
                    branch.returnValue(branch.readInstanceField(
                            FieldDescriptor.of(step.ownerClass(), step.name(), step.type()),
                            branch.checkCast(owner, step.ownerClass())));
                }
            }
            get.throwException(IndexOutOfBoundsException.class,
                    field.displayName() + " has " + steps.size() + " steps");

            MethodCreator set = creator.getMethodCreator("set", void.class, Object.class, String.class);
            Step last = steps.get(steps.size() - 1);
            if (last.type().equals(String.class.getName())) {
                if (last.setter() != null) {
                    set.invokeVirtualMethod(MethodDescriptor.ofMethod(last.setterOwner(), last.setter(), void.class,
                            String.class), set.checkCast(set.getMethodParam(0), last.setterOwner()),
                            set.getMethodParam(1));
                } else {
                    set.writeInstanceField(FieldDescriptor.of(last.ownerClass(), last.name(), last.type()),
                            set.checkCast(set.getMethodParam(0), last.ownerClass()), set.getMethodParam(1));
                }
                set.returnVoid();
            } else {
                // a collection of names is added to, never replaced
                set.throwException(UnsupportedOperationException.class,
                        field.displayName() + " is a collection: add the name to it");
            }
        }
    }

    private static String where(CloudinaryFileField field) {
        return "@CloudinaryFile on " + field.declaringClass() + "." + field.fieldName();
    }

    private FieldInfo javaField(ClassInfo type, String name, CloudinaryFileField field) {
        for (ClassInfo c = type; c != null; c = superclass(c)) {
            FieldInfo found = c.field(name);
            if (found != null) {
                return found;
            }
        }
        throw new IllegalStateException(where(field) + ": no field " + name + " in "
                + (type == null ? "a class outside the index" : type.name()));
    }

    /**
     * A non-static method of the class or a superclass, with these parameters, that the accessor (generated in the
     * entity's package) may call.
     */
    private MethodInfo declaredMethod(ClassInfo type, String name, List<Type> parameters, String samePackage) {
        for (ClassInfo c = type; c != null; c = superclass(c)) {
            MethodInfo method = c.method(name, parameters.toArray(Type[]::new));
            if (method != null && !Modifier.isStatic(method.flags()) && reachable(c, method.flags(), samePackage)) {
                return method;
            }
        }
        return null;
    }

    /** Whether code in a package may use a member with these flags of this class. */
    private static boolean reachable(ClassInfo owner, int memberFlags, String fromPackage) {
        boolean inPackage = packageOf(owner.name().toString()).equals(fromPackage);
        boolean classReachable = Modifier.isPublic(owner.flags()) || inPackage;
        return classReachable && (Modifier.isPublic(memberFlags) || inPackage && !Modifier.isPrivate(memberFlags));
    }

    static String packageOf(String className) {
        int dot = className.lastIndexOf('.');
        return dot < 0 ? "" : className.substring(0, dot);
    }

    private ClassInfo superclass(ClassInfo type) {
        if (type.superName() == null || type.superName().equals(DotName.OBJECT_NAME)) {
            return null;
        }
        return index.getClassByName(type.superName());
    }

    private static DotName elementType(Type type) {
        if (type.kind() == Type.Kind.PARAMETERIZED_TYPE && type.asParameterizedType().arguments().size() == 1) {
            return type.asParameterizedType().arguments().get(0).name();
        }
        return type.name();
    }
}
