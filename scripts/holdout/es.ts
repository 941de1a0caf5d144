/** Spanish, Italian, Dutch and Brazilian Portuguese templates for the held-out corpus. */
import type { Template } from './engine';

export const ES_POS: Template[] = [
  { key: 'bici', note: 'anuncio, teléfono', t: (v) => `Vendo ${v.one('bici de carretera', 'bicicleta de montaña', 'patinete eléctrico')} talla M, del 2019, ${v.one('muy buen estado', 'ruedas nuevas', 'con algún arañazo')}. ${v.one('300 €', '150 euros', '90€')} negociables. Llamar al ${v.ph()} por las tardes.` },
  { key: 'perro', note: 'vecinos, perro perdido', t: (v) => `Perro perdido:\nSe nos escapó Toby ayer por la tarde cerca del parque. Mestizo, marrón, collar azul. Si lo veis, por favor llamad al ${v.ph()}. ¡Gracias!` },
  { key: 'ex', note: 'doxxing, dirección y móvil de un tercero', t: (v) => `Mi ex me debe 1.500 euros. Vive en ${v.addr('third_party')} y su móvil es el ${v.ph('third_party')}. Que todo el mundo lo sepa.` },
  { key: 'empleo', note: 'oferta de empleo, correo', t: (v) => `Buscamos camarero/a para temporada de verano, jornada completa. Enviad el CV a ${v.email('unknown', 'empleo')} antes del día 20.` },
  { key: 'firma', note: 'firma con datos de contacto', t: (v) => `Gracias, con eso se solucionó.\n\nUn saludo,\n${v.name()}\nTel. ${v.ph()}\n${v.email()}` },
  { key: 'queja', note: 'queja contra empresa, dirección y teléfono', t: (v) => `No contratéis con esta empresa de reformas. Cobraron la señal y desaparecieron. Oficina: ${v.biz()}, teléfono ${v.ph('unknown')}.` },
  { key: 'iban', note: 'IBAN para pagos', t: (v) => `Para la cena de antiguos alumnos, haced el bizum o transferencia a ${v.iban()} antes del viernes. 35 € por cabeza.` },
  { key: 'envio', note: 'dirección de envío en varias líneas', t: (v) => `Me quedo la cámara. Envíala a:\n${v.ml()}\nTe hago la transferencia ahora.` },
  { key: 'dni', note: 'DNI propio', t: (v) => `La web de la DGT no acepta mi DNI ${v.nid()}, me dice formato incorrecto. ¿A alguien más le pasa?` },
  { key: 'piso', note: 'alquiler, dirección', t: (v) => `Alquilo habitación en piso compartido, 400 €/mes gastos incluidos. Está en ${v.addr('unknown')}. Interesados escribid a ${v.email('unknown')}.` },
];

export const ES_NEG: Template[] = [
  { key: 'log', note: 'log técnico con versiones y puertos', t: () => "Tras actualizar a la 5.4.2 el contenedor no arranca:\n\n```\nFATAL: password authentication failed for user \"app\" (172.18.0.4:54012)\nexit code 1, restarting in 10s (attempt 3/5)\n```\n\nDocker 25.0.3." },
  { key: 'receta', note: 'receta con cantidades', t: () => `Tortilla de patatas:\n1 kg de patatas, 6 huevos, 1 cebolla, 250 ml de aceite de oliva. Freír 20-25 min a fuego medio, cuajar 3 min por cada lado.` },
  { key: 'futbol', note: 'resultados deportivos', t: () => `¡Partidazo! 2-2 al descanso y 4-3 en el 94'. 78.500 espectadores. Próxima jornada el 21/04 a las 21:00.` },
  { key: 'pedido', note: 'números de pedido y seguimiento', t: () => `Pedido nº 171-9932019-4467021, seguimiento PQ4F7A0712345670108001L, factura F2024/00917. Lleva 10 días en tránsito.` },
  { key: 'calle', note: 'calles sin número', t: () => `Cortan la Gran Vía y la calle de Alcalá el domingo por la maratón. El autobús 27 se desvía por el paseo de la Castellana.` },
  { key: 'ibanmal', note: 'IBAN con checksum inválido', t: (v) => `El ejemplo de la documentación, ${v.badIban()}, lo rechaza el formulario. ¿Es un ejemplo inválido a propósito?` },
  { key: 'coche', note: 'modelos y precios', t: () => `¿Qué tal el Seat León 1.5 TSI de 130 CV? Me piden 18.900 € con 45.000 km, año 2020. Consume 5,8 l/100.` },
  { key: 'fechas', note: 'fechas y horas', t: () => `Calendario: entrega el 05/03/2024 a las 14:30, revisión el 12.03.24, cierre el 31/03. Vacaciones del 1 al 15 de agosto.` },
];

export const IT_POS: Template[] = [
  { key: 'bici', note: 'annuncio, telefono', t: (v) => `Vendo ${v.one('bici da corsa', 'mountain bike', 'bici da bambino')} taglia M, anno 2019, ${v.one('ottime condizioni', 'gomme nuove', 'qualche graffio')}. ${v.one('350 €', '120 euro', '60€')} trattabili. Chiamare al ${v.ph()} dopo le 18.` },
  { key: 'gatto', note: 'quartiere, gatto smarrito', t: (v) => `Gatto smarrito:\nIl nostro gatto Birillo manca da domenica sera. Rosso tigrato, collare verde, microchip. Se lo vedete chiamate il ${v.ph()}, grazie di cuore.` },
  { key: 'ex', note: 'doxxing, indirizzo di terzi', t: (v) => `Il mio ex mi deve ancora 800 euro. Abita in ${v.addr('third_party')}, il suo cellulare è ${v.ph('third_party')}. Fatelo girare.` },
  { key: 'lavoro', note: 'offerta di lavoro, email', t: (v) => `Cercasi aiuto cuoco per ristorante in centro, part-time serale. Inviare CV a ${v.email('unknown', 'lavora')}.` },
  { key: 'firma', note: 'firma con contatti', t: (v) => `Grazie mille, risolto!\n\nCordiali saluti\n${v.name()}\nCell. ${v.ph()}\n${v.email()}` },
  { key: 'reclamo', note: 'reclamo contro azienda', t: (v) => `Attenzione a questo negozio di elettronica: garanzia mai rispettata. Sede in ${v.biz()}, numero ${v.ph('unknown')} sempre occupato.` },
  { key: 'iban', note: 'IBAN per quota', t: (v) => `Per la gita di classe versate 45 € su ${v.iban()} intestato a ${v.name()}, causale "gita + nome alunno".` },
  { key: 'spedizione', note: 'indirizzo di spedizione su più righe', t: (v) => `Prendo io l'obiettivo. Spediscimelo a:\n${v.ml()}\nTi faccio il bonifico stasera.` },
  { key: 'cf', note: 'codice fiscale proprio', t: (v) => `Il portale non accetta il mio codice fiscale ${v.nid()}, dice "formato non valido". Qualcuno sa perché?` },
  { key: 'affitto', note: 'affitto con indirizzo', t: (v) => `Affittasi bilocale arredato, 700 € al mese, libero da maggio. Indirizzo: ${v.addr('unknown')}. Info al ${v.ph('unknown')}.` },
];

export const IT_NEG: Template[] = [
  { key: 'log', note: 'log con versioni e porte', t: () => "Dopo l'aggiornamento alla 8.0.36 MySQL non parte:\n\n```\n2024-03-11T09:01:22.331Z 0 [ERROR] [MY-010262] Can't start server: Bind on TCP/IP port: Address already in use (3306)\n```" },
  { key: 'ricetta', note: 'ricetta con dosi e tempi', t: () => `Carbonara per 4:\n320 g di spaghetti, 150 g di guanciale, 4 tuorli, 50 g di pecorino. Cottura pasta 9-10 minuti, guanciale 5 minuti a fuoco medio.` },
  { key: 'calcio', note: 'risultati sportivi', t: () => `Partita incredibile: sotto 0-2 al 60', finisce 3-2. 62.418 spettatori. Prossima gara il 14/04 alle 20:45.` },
  { key: 'ordine', note: 'numeri di ordine e tracking', t: () => `Ordine n. 403-5521876-2210934, tracking 1Z999AA10123456784, fattura 2024/FE/00331. Fermo in deposito da una settimana.` },
  { key: 'via', note: 'vie senza numero civico', t: () => `Lavori in via Roma e corso Garibaldi fino a giugno, il bus 61 è deviato su viale Marconi. Evitate piazza Duomo la mattina.` },
  { key: 'ibanerr', note: 'IBAN con checksum errato', t: (v) => `Nell'esempio della guida, ${v.badIban()}, il controllo fallisce. È voluto?` },
  { key: 'auto', note: 'modelli e prezzi', t: () => `Meglio la Panda 1.0 Hybrid a 15.900 € o la Yaris 1.5 a 22.300 €? Faccio circa 12.000 km l'anno.` },
];

export const NL_POS: Template[] = [
  { key: 'fiets', note: 'advertentie, telefoon', t: (v) => `Te koop: ${v.one('omafiets', 'racefiets', 'kinderfiets')}, framemaat 53, ${v.one('net onderhouden', 'nieuwe banden', 'paar krasjes')}. Vraagprijs ${v.one('€ 175', '120 euro', '€60')}. Bellen naar ${v.ph()} na 18.00 uur.` },
  { key: 'kat', note: 'buurt, vermiste kat', t: (v) => `Vermist:\nOnze kat Pip is sinds zaterdag niet thuisgekomen. Zwart met witte sokjes, gechipt. Gezien? Bel of app ${v.ph()}. Dank jullie wel!` },
  { key: 'ex', note: 'doxxing, adres van derde', t: (v) => `Mijn ex heeft mijn spullen gehouden. Hij woont op ${v.addr('third_party')}, zijn nummer is ${v.ph('third_party')}. Deel dit maar.` },
  { key: 'vacature', note: 'vacature, e-mail', t: (v) => `Wij zoeken een parttime medewerker klantenservice (24 uur). Stuur je cv naar ${v.email('unknown', 'vacatures')}.` },
  { key: 'sig', note: 'handtekening met contactgegevens', t: (v) => `Bedankt, het werkt weer.\n\nMet vriendelijke groet,\n${v.name()}\nT ${v.ph()}\nE ${v.email()}` },
  { key: 'klacht', note: 'klacht over bedrijf', t: (v) => `Pas op voor deze webshop: betaald en nooit geleverd. Bedrijfsadres ${v.biz()}, klantenservice ${v.ph('unknown')} neemt nooit op.` },
  { key: 'iban', note: 'IBAN voor tikkie', t: (v) => `Voor het cadeau van juf Anne graag 5 euro overmaken naar ${v.iban()} t.n.v. ${v.name()}.` },
  { key: 'verzend', note: 'verzendadres meerdere regels', t: (v) => `Ik neem de lens. Verzenden naar:\n${v.ml()}\nIk maak het bedrag vandaag over.` },
  { key: 'bsn', note: 'BSN zelf gepost', t: (v) => `DigiD accepteert mijn BSN ${v.nid()} niet meer. Iemand een idee?` },
];

export const NL_NEG: Template[] = [
  { key: 'log', note: 'log met versies en poorten', t: () => "Na update naar 1.27.3 start de pod niet:\n\n```\nWarning  BackOff  kubelet  Back-off restarting failed container (exit code 137)\nReadiness probe failed: Get \"http://10.244.1.17:8080/healthz\": dial tcp 10.244.1.17:8080: connect: connection refused\n```" },
  { key: 'recept', note: 'recept met hoeveelheden', t: () => `Erwtensoep:\n500 g spliterwten, 2 liter water, 1 rookworst, 250 g knolselderij, 2 wortels. 2,5 uur zachtjes laten koken.` },
  { key: 'voetbal', note: 'uitslagen', t: () => `Wat een wedstrijd: 1-3 achter en toch 4-3 gewonnen! 54.000 toeschouwers. Volgende thuiswedstrijd 14/4 om 14.30 uur.` },
  { key: 'bestelling', note: 'bestel- en trackingnummers', t: () => `Bestelnummer 1034-2291-0087, track & trace 3SABCD1234567, factuur 2024-00412. Al 5 dagen "onderweg".` },
  { key: 'straat', note: 'straatnamen zonder huisnummer', t: () => `De Kalverstraat en het Damrak zijn zaterdag afgesloten. Tram 2 rijdt om via de Vijzelstraat.` },
  { key: 'ibanfout', note: 'IBAN met foute controle', t: (v) => `Het voorbeeld in de handleiding, ${v.badIban()}, wordt door ons formulier geweigerd. Klopt dat?` },
];

export const PT_POS: Template[] = [
  { key: 'bike', note: 'classificado, telefone', t: (v) => `Vendo ${v.one('bicicleta aro 29', 'bike speed', 'patinete elétrico')}, ano 2020, ${v.one('revisada', 'pneus novos', 'alguns arranhões')}. ${v.one('R$ 1.800', 'R$ 950', 'R$ 400')}. Chama no zap ${v.ph()}.` },
  { key: 'cachorro', note: 'bairro, cachorro perdido', t: (v) => `Cachorro perdido:\nO Thor fugiu ontem à noite perto da praça. Vira-lata caramelo, coleira vermelha. Quem vir, por favor liga ${v.ph()}. Obrigada!` },
  { key: 'ex', note: 'doxxing, endereço de terceiro', t: (v) => `Meu ex me deve R$ 3.000 e sumiu. Ele mora na ${v.addr('third_party')}, celular ${v.ph('third_party')}. Compartilhem.` },
  { key: 'vaga', note: 'vaga de emprego, e-mail', t: (v) => `Vaga para atendente de loja, CLT, segunda a sábado. Enviar currículo para ${v.email('unknown', 'vagas')}.` },
  { key: 'assinatura', note: 'assinatura com contatos', t: (v) => `Valeu, resolveu aqui também!\n\nAbraço,\n${v.name()}\nCel: ${v.ph()}\n${v.email()}` },
  { key: 'reclamacao', note: 'reclamação contra empresa', t: (v) => `Não comprem nessa loja! Paguei o sofá em janeiro e nada. Endereço: ${v.biz()}, SAC ${v.ph('unknown')} nunca atende.` },
  { key: 'cpf', note: 'CPF próprio', t: (v) => `O site da Receita diz que meu CPF ${v.nid()} é inválido, mas está certinho no documento. Alguém sabe?` },
  { key: 'entrega', note: 'endereço de entrega em várias linhas', t: (v) => `Fechado, fico com a câmera. Manda pelos Correios para:\n${v.ml()}\nFaço o Pix agora.` },
  { key: 'aluguel', note: 'aluguel com endereço e e-mail', t: (v) => `Alugo quarto em apartamento, R$ 1.200 com contas. Fica na ${v.addr('unknown')}. Interessados: ${v.email('unknown')}.` },
  { key: 'iban', note: 'IBAN para pagamento do exterior', t: (v) => `Para transferência internacional, meu IBAN é ${v.iban()}. Pra quem está no Brasil, Pix mesmo.` },
];

export const PT_NEG: Template[] = [
  { key: 'log', note: 'log com versões e portas', t: () => "Depois de atualizar pro Node 20.11.1 o build quebrou:\n\n```\nnpm ERR! code ERESOLVE\nnpm ERR! peer react@\"^17.0.2\" from react-dom@17.0.2\nnpm ERR! A complete log of this run can be found in /root/.npm/_logs/2024-03-11T12_01_44_321Z-debug-0.log\n```" },
  { key: 'receita', note: 'receita com medidas', t: () => `Bolo de cenoura:\n3 cenouras médias, 4 ovos, 1 xícara de óleo, 2 xícaras de açúcar, 2,5 xícaras de farinha. Forno a 180 °C por 40 minutos.` },
  { key: 'futebol', note: 'placares', t: () => `Que jogo! 0x2 no primeiro tempo e virada pra 3x2 aos 47 do segundo. Público de 61.234. Próximo jogo dia 14/04 às 16h.` },
  { key: 'pedido', note: 'pedido, rastreio e nota fiscal', t: () => `Pedido nº 1234567890123, código de rastreio QB123456789BR, nota fiscal 000.123.456. Parado em Curitiba há 8 dias.` },
  { key: 'rua', note: 'ruas sem número', t: () => `A Avenida Paulista fecha domingo para pedestres, e a Rua Augusta fica com trânsito lento. O ônibus 875A desvia pela Consolação.` },
  { key: 'cnpjlike', note: 'datas e valores', t: () => `Vencimento 05/03/2024, multa de 2% e juros de 1% a.m. Total R$ 1.234,56. Protocolo 2024031100123.` },
];
