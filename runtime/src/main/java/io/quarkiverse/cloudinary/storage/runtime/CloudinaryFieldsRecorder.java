package io.quarkiverse.cloudinary.storage.runtime;

import java.util.List;
import java.util.function.Supplier;

import io.quarkiverse.cloudinary.storage.fields.AttributeAccessor;
import io.quarkiverse.cloudinary.storage.fields.CloudinaryFileField;
import io.quarkiverse.cloudinary.storage.fields.CloudinaryFileRegistry;
import io.quarkus.runtime.RuntimeValue;
import io.quarkus.runtime.annotations.Recorder;

@Recorder
public class CloudinaryFieldsRecorder {

    /**
     * @param accessors an instance of the class the build generated, created with {@code new}: it answers the
     *        accessor of each field, in the order of {@code fields}
     */
    public Supplier<CloudinaryFileRegistry> registry(List<CloudinaryFileField> fields,
            RuntimeValue<Supplier<List<AttributeAccessor>>> accessors) {
        return () -> new CloudinaryFileRegistry(fields, accessors.getValue().get());
    }
}
