# `sam build` runs the target named build-<function logical id> (template.yaml: Metadata: BuildMethod: makefile)
# and deploys what it leaves in $(ARTIFACTS_DIR). PORTICO_API=FILE bundles your own route table (./mvnw -Dportico.api).

MVNW_ARGS = -B package -DskipTests $(if $(PORTICO_API),-Dportico.api=$(PORTICO_API))

.PHONY: build-PorticoFunction
build-PorticoFunction:
	./mvnw $(MVNW_ARGS)
	unzip -q -o target/function.zip -d "$(ARTIFACTS_DIR)"
