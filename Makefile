# `sam build` runs the target named build-<function logical id> (template.yaml: Metadata: BuildMethod: makefile)
# and deploys what it leaves in $(ARTIFACTS_DIR). PORTICO_API=FILE bundles your own route table (./mvnw -Dportico.api).

# PORTICO_NATIVE=true builds the native variant (template.yaml: Build=native) in a container, as Quarkus documents.
MVNW_ARGS = -B package -DskipTests $(if $(PORTICO_API),-Dportico.api=$(PORTICO_API)) \
	$(if $(filter true,$(PORTICO_NATIVE)),-Dnative -Dquarkus.native.container-build=true)

.PHONY: build-PorticoFunction
build-PorticoFunction:
	./mvnw $(MVNW_ARGS)
	unzip -q -o target/function.zip -d "$(ARTIFACTS_DIR)"
