# oauthgov: one image, every stage (collect, analyze, simulator, topics ...) chosen by the command.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -ntp -q -DskipTests -pl cli -am install

FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 --home-dir /var/lib/oauthgov --create-home oauthgov
COPY --from=build /src/cli/target/oauthgov.jar /opt/oauthgov/oauthgov.jar
USER oauthgov
WORKDIR /var/lib/oauthgov
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/opt/oauthgov/oauthgov.jar"]
CMD ["--help"]
