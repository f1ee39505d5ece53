"""Word lists for finding person names in Spanish support chats (used by kit/data/pii_names.py).

Lower case, accents stripped (look words up with `fold`). The first names and surnames are the common
ones of Spain, Mexico, Colombia, Argentina, Peru and Chile: enough to tell "soy daniela" (a name) from
"soy cliente" (not one) when people type without capitals. FUNCTION_WORDS end a name ("habla oscar
gutierrez me podés ayudar"); NOT_ALONE are names that are also everyday words or places ("rosa",
"santiago"), never taken as a name on their own without an introduction.
"""

from __future__ import annotations

FIRST_NAMES = frozenset(
    """
    aaron abel abigail abril adela adolfo adrian adriana agustin agustina aida aitana aitor alan alba alberto
    alejandra alejandro alexa alexander alexis alfonso alfredo alicia alma alonso alvaro amaia amalia amelia ana
    anabel andrea andres angel angela angeles angelica anibel antonia antonio aranzazu ariadna ariana ariel
    armando arturo aurora axel beatriz begona belen benjamin benito bernardo blanca brenda bruno camila camilo
    candela carla carlos carmen carolina catalina cecilia celia cesar christian cinthia clara claudia claudio
    concepcion consuelo cristian cristina cristobal dafne dalia damian daniel daniela dario david debora diana
    diego dolores dulce edgar eduardo elena elias elisa eloy elsa emilia emiliano emilio emma enrique erick
    ernesto esperanza esteban estefania ester esther eugenia eva evelyn ezequiel fabian fabiola facundo
    federico felipe fernanda fernando fidel florencia francisca francisco franco gabriel gabriela gael gerardo
    german gilberto gisela gloria gonzalo graciela guadalupe guillermo gustavo hector helena hernan hilda hugo
    ignacio ines ingrid irene iris isaac isabel isabela ismael ivan ivonne jacinto jaime javier jazmin jennifer
    jeronimo jesus jimena joaquin joel jonathan jorge jose josefina juan juana julia julian juliana julio karen
    karina karla kevin laura leandro leonardo leticia lidia liliana lorena lorenzo lourdes lucas lucia luciana
    luciano luis luisa luz macarena magdalena manuel manuela marcela marcelo marco marcos margarita maria
    mariana mariano maribel marina mario marisol marta martha martin martina mateo matias mauricio maximiliano
    mayra melissa mercedes micaela miguel milagros miriam moises monica montserrat nadia nahuel natalia nayeli
    nelson nerea nestor nicolas noelia nora norma nuria octavio olga omar oscar pablo paola patricia paula
    paulina pedro pilar rafael ramiro ramon raquel raul rebeca regina renata ricardo roberto rocio rodolfo
    rodrigo rogelio rolando romina rosa rosario ruben ruth salvador samuel sandra santiago sara saul sebastian
    sergio silvia simon sofia sonia susana tamara teresa tomas ulises valentin valentina valeria vanesa
    veronica vicente victor victoria violeta viviana walter ximena xavier yolanda yesenia zoe
    iker inigo unai asier ainhoa leire itziar maite nekane josu gorka ander
    """.split()
)

SURNAMES = frozenset(
    """
    acosta aguilar aguirre alarcon alonso alvarez arias avila barrera benitez blanco bravo caballero cabrera
    calderon campos cano cardenas carmona carrasco castaneda castano castillo castro cervantes chavez contreras
    cordoba cortes cortez cruz delgado diaz dominguez duarte echeverria espinosa espinoza estrada fernandez
    figueroa flores fuentes gallardo gallego garcia garrido gil gimenez gomez gonzalez guerrero gutierrez
    guzman herrera hernandez hidalgo ibanez iglesias jimenez juarez leon lopez lozano luna maldonado marin
    marquez martin martinez medina mejia mendez mendoza molina montero mora morales moreno munoz navarro nieto
    nunez ochoa ortega ortiz osorio ospina pacheco padilla pena peralta perez ponce prieto quintero ramirez
    ramos restrepo reyes rincon rios rivera robles rodriguez rojas romero rosales rubio ruiz salazar salinas
    sanchez sandoval santana santiago santos serrano silva soto suarez tapia torres trujillo valdez valencia
    valenzuela vargas vasquez vazquez vega velasco velazquez vera zapata zuniga arango betancur cardona giraldo
    londono mesa montoya munera parra posada toro uribe villa yepes bustos fuentealba gonzales huaman mamani
    quispe condori flores rosas paredes vilca chavez ticona
    """.split()
)

# Names that are also everyday words or places: a name only when an introduction says so.
NOT_ALONE = frozenset(
    """
    rosa luz paz mar sol cruz flores reyes leon blanca pilar rocio dolores amparo consuelo soledad mercedes
    victoria gloria esperanza angeles angel jesus santiago guadalupe salvador luna alba aurora dulce iris
    milagros rosario concepcion bruno franco marina violeta regina america dalia abril
    """.split()
)

# Names that are also colours or things ("rosa", "cruz"): a pair like "rosa blanco" is no name by itself.
WORDLIKE = frozenset("rosa blanca dulce luz paz mar sol alba luna cruz reyes flores leon rosario".split())

# Words that end (or cannot start) a name: articles, pronouns, prepositions, conjunctions, common verbs
# and adverbs of a chat line, greetings, and the nouns people put after "soy" ("soy cliente").
FUNCTION_WORDS = frozenset(
    """
    a al algo alguien algun alguna ahi ahora aqui aca asi ante antes aun bien buen buena buenas bueno buenos
    cada casi como con contra cual cuando cuanto de del desde donde dos e el ella ellos en entre era es esa
    ese eso esta estas este esto estoy estamos fue ha habia hace hay hasta la las le les lo los mas me mi mis
    mucho muy nada ni no nos nosotros o os otra otro para pero poco por porque pues que quien se ser si sin
    sobre solo son soy su sus tambien tampoco tan te tengo tiene todo tu tus un una uno unos unas usted
    ustedes vos ya y yo
    quiero quisiera queria necesito necesitaba tenia puedo podria pueden podes puede ayuda ayudar ayudan
    ayudas ayudame pregunta duda consulta favor porfa gracias hola oye oiga disculpe perdon saludos
    cordiales atentamente dia dias tarde tardes noche noches feliz excelente perfecto claro listo vale ok
    cliente clienta clientes usuario usuaria socio socia titular estudiante propietario propietaria dueno
    duena agente asesor asesora soporte atencion equipo servicio departamento area gerente supervisor
    supervisora encargado encargada responsable nuevo nueva premium vip tienda banco empresa compania centro
    informacion senor senora senorita don dona estimado estimada sumerce che mijo mija amigo amiga
    ingles espanol frances portugues mexicano mexicana espanola colombiano colombiana argentino argentina
    chileno chilena peruano peruana de la los las lunes martes miercoles jueves viernes sabado domingo
    enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre diciembre
    llamo llama nombre escribe escribo habla hablo atiende
    pa pra pq xq porq q k ke x tmb tb porfa plis pls dale bueno ok oki vale sip nop asi aja
    """.split()
)

PARTICLES = frozenset({"de", "del", "la", "las", "los"})
