package io.mouthpiece.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The module and stage boundaries of STYLE.md, checked rather than hoped for. */
class ArchitectureTest {
  private static final JavaClasses CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      // The engine's test-jar (shared test media helpers) is on the class path too: not production code.
      .withImportOption(location -> !location.contains("-tests.jar"))
      .importPackages("io.mouthpiece");

  @Test
  void engineKnowsNothingOfTheApp() {
    noClasses().that().resideInAPackage("io.mouthpiece.engine..")
        .should().dependOnClassesThat().resideInAnyPackage("io.mouthpiece.app..", "io.mouthpiece.server..", "picocli..",
            "com.fasterxml.jackson..", "io.javalin..", "java.sql..", "javax.sql..", "org.jobrunr..")
        .check(CLASSES);
  }

  @Test
  void theServerKnowsNothingOfTheCommandLine() {
    noClasses().that().resideInAPackage("io.mouthpiece.server..")
        .should().dependOnClassesThat().resideInAnyPackage("io.mouthpiece.app..", "picocli..")
        .check(CLASSES);
  }

  @Test
  void theWorkerKnowsNothingOfHttp() {
    // JobRunr's habit: the job side talks to storage, never to the web side.
    noClasses().that().resideInAnyPackage("io.mouthpiece.server.task..", "io.mouthpiece.server.store..",
            "io.mouthpiece.server.fetch..", "io.mouthpiece.server.callback..", "io.mouthpiece.server.jobs..")
        .should().dependOnClassesThat().resideInAPackage("io.javalin..")
        .check(CLASSES);
  }

  @Test
  void theTaskWorkerKnowsNothingOfTheTaskApi() {
    // The two sides of the queue meet only in what task/ shares (the model, the store) and in the
    // job the API side enqueues: a worker node runs the same code whether or not it serves the API.
    noClasses().that().resideInAPackage("io.mouthpiece.server.task.work..")
        .should().dependOnClassesThat().resideInAPackage("io.mouthpiece.server.task.api..")
        .check(CLASSES);
    noClasses().that().resideInAPackage("io.mouthpiece.server.task")
        .should().dependOnClassesThat().resideInAnyPackage("io.mouthpiece.server.task.api..",
            "io.mouthpiece.server.task.work..")
        .check(CLASSES);
  }

  @Test
  void httpStaysInHttp() {
    // The domain refuses a request in the contract's terms (server.errors); only the HTTP side turns
    // that into an answer. The server's root package is where everything is built and wired,
    // the HTTP side included, so it is the one other package that names it.
    noClasses().that().resideInAPackage("io.mouthpiece..")
        .and().resideOutsideOfPackages("io.mouthpiece.server.http..", "io.mouthpiece.server")
        .should().dependOnClassesThat().resideInAPackage("io.mouthpiece.server.http..")
        .check(CLASSES);
    noClasses().that().resideInAPackage("io.mouthpiece.server..")
        .and().resideOutsideOfPackage("io.mouthpiece.server.http..")
        .should().dependOnClassesThat().resideInAnyPackage("io.javalin..", "jakarta.servlet..", "org.eclipse.jetty..")
        .check(CLASSES);
  }

  @Test
  void theContractsErrorsStandAlone() {
    // Thrown from anywhere in the server, so they may lean on nothing of it.
    classes().that().resideInAPackage("io.mouthpiece.server.errors..")
        .should().onlyDependOnClassesThat().resideInAnyPackage("io.mouthpiece.server.errors..", "java..")
        .check(CLASSES);
  }

  @Test
  void mediaIsTheBottomStage() {
    noClasses().that().resideInAPackage("io.mouthpiece.engine.media..")
        .should().dependOnClassesThat().resideInAnyPackage("io.mouthpiece.engine.face..")
        .check(CLASSES);
  }

  @Test
  void theDataWalksForwardOnly() {
    // speech -> media -> face -> mouth -> motion -> speaker -> render -> report -> sync: a stage may use
    // those before it, never after. Speech comes first: it makes sound (and phonemes, which motion reads)
    // from words, knowing nothing of video. The report (a result's quality) reads what the render
    // recorded; sync builds it last.
    String[] order = {"speech", "media", "face", "mouth", "motion", "speaker", "render", "report", "sync"};
    for (int i = 0; i < order.length; i++) {
      for (int j = i + 1; j < order.length; j++) {
        noClasses().that().resideInAPackage("io.mouthpiece.engine." + order[i] + "..")
            .should().dependOnClassesThat().resideInAPackage("io.mouthpiece.engine." + order[j] + "..")
            .check(CLASSES);
      }
    }
  }

  @Test
  void theRequestRulesStandAlone() {
    // Numbers in, violations out: the service checks a request with them before any media is decoded.
    classes().that().resideInAPackage("io.mouthpiece.engine.rules..")
        .should().onlyDependOnClassesThat().resideInAnyPackage("io.mouthpiece.engine.rules..", "java..")
        .check(CLASSES);
  }

  @Test
  void theAnalysisCacheHoldsBytesNotAnalyses() {
    // Keys and bytes only: what an entry means, and whether it can be trusted, is the sync stage's
    // (AnalysisFile), so a store (a directory, the service's bucket) holds entries knowing nothing of the engine.
    classes().that().resideInAPackage("io.mouthpiece.engine.cache..")
        .should().onlyDependOnClassesThat().resideInAnyPackage("io.mouthpiece.engine.cache..", "java..")
        .check(CLASSES);
  }

  @Test
  void measuringDependsOnNothingItMeasures() {
    // quality measures videos with the face stage; it must not share code with the engine's own
    // motion model or renderer, or it would grade them by their own rules.
    noClasses().that().resideInAPackage("io.mouthpiece.engine.quality..")
        .should().dependOnClassesThat().resideInAnyPackage("io.mouthpiece.engine.motion..", "io.mouthpiece.engine.render..",
            "io.mouthpiece.engine.sync..")
        .check(CLASSES);
    noClasses().that().resideInAnyPackage("io.mouthpiece.engine.media..", "io.mouthpiece.engine.face..",
            "io.mouthpiece.engine.mouth..", "io.mouthpiece.engine.motion..", "io.mouthpiece.engine.speaker..",
            "io.mouthpiece.engine.render..", "io.mouthpiece.engine.sync..")
        .should().dependOnClassesThat().resideInAPackage("io.mouthpiece.engine.quality..")
        .check(CLASSES);
  }

  @Test
  void stagesDoNotReachBackIntoTheFacade() {
    noClasses().that().resideInAnyPackage("io.mouthpiece.engine.media..", "io.mouthpiece.engine.face..",
            "io.mouthpiece.engine.mouth..", "io.mouthpiece.engine.motion..", "io.mouthpiece.engine.speaker..",
            "io.mouthpiece.engine.render..", "io.mouthpiece.engine.sync..", "io.mouthpiece.engine.quality..",
            "io.mouthpiece.engine.report..")
        .should().dependOnClassesThat().haveFullyQualifiedName("io.mouthpiece.engine.LipSync")
        .check(CLASSES);
  }
}
