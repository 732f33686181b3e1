package io.quarkiverse.cloudinary.storage.runtime;

import java.util.List;
import java.util.function.Supplier;

import io.quarkiverse.cloudinary.storage.fields.CloudinaryFileField;
import io.quarkiverse.cloudinary.storage.fields.CloudinaryFileRegistry;
import io.quarkus.runtime.annotations.Recorder;

@Recorder
public class CloudinaryFieldsRecorder {

    public Supplier<CloudinaryFileRegistry> registry(List<CloudinaryFileField> fields) {
        return () -> new CloudinaryFileRegistry(fields);
    }
}
